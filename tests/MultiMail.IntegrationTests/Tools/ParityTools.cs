using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.IntegrationTests.Tools;

public enum UpgradeAction
{
    Request,
    Apply,
}

public enum SpamAction
{
    Report,
    Clear,
}

/// <summary>wait_for_email's filter, as the vendor's tool takes it.</summary>
public sealed class EmailFilter
{
    public string? Sender { get; init; }

    public string? SubjectContains { get; init; }
}

/// <summary>download_attachment's answer, read as a typed result.</summary>
public sealed record AttachmentContent(string Filename, string ContentType, long SizeBytes, string? ContentBase64);

/// <summary>
/// The operations issue 15 added, declared with the vendor's argument names (found by tool name, descriptions from the
/// catalog).
/// </summary>
public partial class ParityTools
{
    private readonly MultiMailClient _client;

    public ParityTools(MultiMailClient client) => _client = client;

    [MultiMailTool]
    public partial Task<string> ScheduleEmail(string[] to, string subject, string markdown, DateTimeOffset sendAt, string[]? cc = null, string? idempotencyKey = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DownloadAttachment(string emailId, string filename, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> WaitForEmail(int? timeoutSeconds = null, EmailFilter? filter = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ApplyUpgrade(string code, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ManageUpgrade(UpgradeAction action, OversightMode? targetMode = null, string? code = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteMailbox(string mailboxId, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> UpdateAccount(string? name = null, string? oversightEmail = null, string? physicalAddress = null, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteAccount(string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> GetUsage(string? period = null, long? from = null, long? to = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ListApiKeys(CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> CreateApiKey(string name, string[]? scopes = null, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> RevokeApiKey(string keyId, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ListSuppression(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    [MultiMailTool(Name = "check_suppression")]
    public partial Task<string> CheckSuppression(int? limit = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> RemoveSuppression(string emailAddress, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ManageSpamStatus(string emailId, SpamAction action, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> CreateWebhook(string url, string[] events, string? mailboxId = null, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ListWebhooks(CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteWebhook(string webhookId, CancellationToken cancellationToken = default);

    /// <summary>The vendor's argument name <c>query</c>, sent as the contract's <c>q</c>.</summary>
    [MultiMailTool]
    public partial Task<string> SearchContacts(string? query = null, CancellationToken cancellationToken = default);

    /// <summary>The vendor's argument name <c>address_local_part</c>, sent as the contract's <c>address_local</c>.</summary>
    [MultiMailTool]
    public partial Task<string> CreateMailbox(string addressLocalPart, string? displayName = null, string? approvalCode = null, CancellationToken cancellationToken = default);
}

/// <summary>Runtime operations with typed results and no result: errors become exceptions, as for one HTTP call.</summary>
public partial class TypedParityTools
{
    private readonly MultiMailClient _client;

    public TypedParityTools(MultiMailClient client) => _client = client;

    [MultiMailTool]
    public partial Task<AttachmentContent> DownloadAttachment(string emailId, string filename, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task ManageSpamStatus(string emailId, SpamAction action, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task ManageUpgrade(UpgradeAction action, string? code = null, string? mailboxId = null, CancellationToken cancellationToken = default);
}
