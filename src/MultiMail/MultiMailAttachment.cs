using System;

namespace MultiMail;

/// <summary>An outbound attachment, sent inline as base64 with <c>send_email</c> and <c>reply_email</c>.</summary>
public sealed class MultiMailAttachment
{
    /// <summary>Creates an attachment.</summary>
    /// <param name="name">The file name, for example <c>report.pdf</c>.</param>
    /// <param name="contentBase64">The file content, base64-encoded.</param>
    /// <param name="contentType">The MIME type, for example <c>application/pdf</c>.</param>
    public MultiMailAttachment(string name, string contentBase64, string contentType)
    {
        Name = name;
        ContentBase64 = contentBase64;
        ContentType = contentType;
    }

    /// <summary>The file name, for example <c>report.pdf</c>.</summary>
    public string Name { get; }

    /// <summary>The file content, base64-encoded.</summary>
    public string ContentBase64 { get; }

    /// <summary>The MIME type, for example <c>application/pdf</c>.</summary>
    public string ContentType { get; }

    /// <summary>Creates an attachment from raw bytes.</summary>
    public static MultiMailAttachment FromBytes(string name, byte[] content, string contentType)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        return new MultiMailAttachment(name, Convert.ToBase64String(content), contentType);
    }
}
