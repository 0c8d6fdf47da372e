using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Refit;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>The Refit 16 peer: a source-generated client with System.Text.Json source-generated metadata.</summary>
public interface IMultiMailApi
{
    [Post("/v1/mailboxes/{mailboxId}/send")]
    Task<string> SendEmail(string mailboxId, [Body] SendEmailBody body, CancellationToken cancellationToken = default);
}

/// <summary>What a Refit user writes around the interface: the same checks and the same derived idempotency key.</summary>
public sealed class RefitSender
{
    private readonly IMultiMailApi _api;
    private readonly string _mailbox;

    public RefitSender(HttpClient http, string mailbox)
    {
        HandWrittenClient.Configure(http);
        _api = RestService.ForGenerated<IMultiMailApi>(http, PeerJsonContext.Default);
        _mailbox = mailbox;
    }

    public async Task<string> SendEmailAsync(string[] to, string subject, string markdown, CancellationToken cancellationToken = default)
    {
        var problem = HandWrittenClient.Check(to, subject, markdown);
        if (problem is not null)
        {
            return "Invalid arguments for send_email: " + problem;
        }

        var key = IdempotencyKey.Derive("/v1/mailboxes/" + Uri.EscapeDataString(_mailbox) + "/send", to, subject, markdown);
        try
        {
            return await _api.SendEmail(_mailbox, new SendEmailBody(to, subject, markdown, key), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            return "Error " + ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + ex.Content;
        }
    }
}
