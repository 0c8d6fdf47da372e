using System.Threading.Tasks;
using MultiMail.Sandbox;

namespace MultiMail.Samples;

/// <summary>A few realistic inbound emails for a new sandbox mailbox, so check_inbox has something to find.</summary>
public static class SampleInbox
{
    /// <summary>The emails, oldest first.</summary>
    public static SandboxInboundEmail[] Emails { get; } =
    [
        new SandboxInboundEmail
        {
            From = "priya.raman@example.com",
            Subject = "Contract renewal: signature needed by Friday",
            Markdown = "Hi,\n\nthe renewal for the support contract is ready. The only change is the term: 24 months instead of 12, "
                + "at the same monthly price. Could you confirm that works for you and sign by Friday?\n\nThanks,\nPriya",
        },
        new SandboxInboundEmail
        {
            From = "helpdesk@example.org",
            Subject = "Scheduled maintenance on Saturday, 22:00-02:00 UTC",
            Markdown = "The mail and file servers will be unavailable on Saturday between 22:00 and 02:00 UTC while we apply "
                + "security updates. No action is needed.",
        },
        new SandboxInboundEmail
        {
            From = "marco.bianchi@example.net",
            Subject = "Lunch & learn on reviewing AI-drafted email, Thursday?",
            Markdown = "Would your team like to join our lunch & learn on Thursday at 12:30? We will show how we review "
                + "emails drafted by our agents before they go out. Let me know how many seats to keep.\n\nMarco",
        },
    ];

    /// <summary>Delivers <see cref="Emails"/> into the sandbox's default mailbox.</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <returns>A task that completes when the emails are stored.</returns>
    public static async Task SeedAsync(MultiMailSandbox sandbox)
    {
        foreach (var email in Emails)
        {
            await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, email);
        }
    }
}
