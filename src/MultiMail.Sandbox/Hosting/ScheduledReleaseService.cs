using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Hosting;

/// <summary>Once a second, releases scheduled emails whose <c>send_at</c> has come (see <see cref="OutboundMailService.ReleaseDueAsync"/>).</summary>
internal sealed class ScheduledReleaseService : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly OutboundMailService _mail;
    private readonly ILogger<ScheduledReleaseService> _logger;

    public ScheduledReleaseService(OutboundMailService mail, ILogger<ScheduledReleaseService> logger)
    {
        _mail = mail;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (_mail.AnyDue())
                {
                    var released = await _mail.ReleaseDueAsync(stoppingToken).ConfigureAwait(false);
                    _logger.LogInformation("Released {Count} scheduled email(s).", released);
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException exception)
            {
                _logger.LogWarning(exception, "Releasing scheduled email failed; retrying on the next tick.");
            }
        }
    }
}
