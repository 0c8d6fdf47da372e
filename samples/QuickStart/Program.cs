// QuickStart: the seed guide's three email tools (send_email, check_inbox, reply_email) on the real MultiMail
// contract. Prints each tool as OpenAI and Anthropic tool JSON, then calls the API when MULTIMAIL_API_KEY is set.
using System;
using MultiMail;
using QuickStart;

var options = new MultiMailClientOptions();          // reads MULTIMAIL_API_KEY, MULTIMAIL_API_URL, MULTIMAIL_MAILBOX_ID
using var client = new MultiMailClient(options);
var tools = new EmailTools(client);

Console.WriteLine("MultiMail QuickStart: the seed guide's three tools, generated at compile time.");
Console.WriteLine();
foreach (var tool in tools.Tools)
{
    Console.WriteLine($"== {tool.Name} ({tool.Effect}{(tool.SendsEmail ? ", held for approval in gated_send mode" : string.Empty)})");
    Console.WriteLine("OpenAI (strict):");
    Console.WriteLine(tool.ToOpenAIToolJson(strict: true));
    Console.WriteLine("Anthropic:");
    Console.WriteLine(tool.ToAnthropicToolJson());
    Console.WriteLine();
}

if (string.IsNullOrWhiteSpace(options.ApiKey))
{
    Console.WriteLine("No API call made: MULTIMAIL_API_KEY is not set.");
    Console.WriteLine("To call MultiMail, set:");
    Console.WriteLine("  MULTIMAIL_API_KEY     your key (mm_live_...), from the MultiMail dashboard");
    Console.WriteLine("  MULTIMAIL_MAILBOX_ID  the mailbox to use (list_mailboxes shows them)");
    Console.WriteLine("  MULTIMAIL_API_URL     optional: another API address, e.g. a local sandbox at http://127.0.0.1:5080");
    return 0;
}

Console.WriteLine($"Calling {options.BaseAddress} (mailbox: {options.DefaultMailboxId ?? "none set"}) ...");
Console.WriteLine("check_inbox(limit: 5) ->");
Console.WriteLine(await tools.InvokeAsync("check_inbox", """{"limit": 5}"""));
return 0;
