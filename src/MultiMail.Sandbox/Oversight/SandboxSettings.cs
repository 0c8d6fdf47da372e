using System;

namespace MultiMail.Sandbox.Oversight;

/// <summary>Sandbox-wide settings the mail rules read; the quota can change while the sandbox runs.</summary>
internal sealed class SandboxSettings
{
    private SandboxSendQuota? _sendQuota;

    public required string TenantId { get; init; }

    public required string OperatorName { get; init; }

    public required string OversightEmail { get; init; }

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
