namespace MultiMail.Sandbox;

/// <summary>An attachment of a simulated inbound email.</summary>
/// <param name="Name">The file name, as clients address it (<c>…/attachments/{filename}</c>).</param>
/// <param name="ContentType">The MIME type, for example <c>application/pdf</c>.</param>
/// <param name="Content">The bytes.</param>
public sealed record SandboxAttachment(string Name, string ContentType, byte[] Content);
