using System;

namespace MultiMail.Sandbox.Oversight;

/// <summary>Sandbox-wide settings the mail rules read; the quota can change while the sandbox runs.</summary>
internal sealed class SandboxSettings
{
    private SandboxSendQuota? _sendQuota;

    public required string TenantId { get; init; }

    /// <summary>The operator's public name; <c>PATCH /v1/account</c> changes it (AccountService).</summary>
    public required string OperatorName { get; set; }

    /// <summary>Where operator notices go; moved by <c>PATCH /v1/account</c> with the operator's approval code.</summary>
    public required string OversightEmail { get; set; }

    /// <summary>The account's physical address (CAN-SPAM), or null.</summary>
    public string? PhysicalAddress { get; set; }

    public required string MailDomain { get; init; }

    public SandboxSendQuota? SendQuota
    {
        get => System.Threading.Volatile.Read(ref _sendQuota);
        set
        {
            value?.Validate();
            System.Threading.Volatile.Write(ref _sendQuota, value);
        }
    }

    public string NoReplyAddress => "noreply@" + MailDomain;

    public static DateTimeOffset FromMilliseconds(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
