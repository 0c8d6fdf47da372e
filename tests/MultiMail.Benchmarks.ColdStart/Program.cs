// One cold-start scenario in a fresh process (names: see the switch; the harness is tests/MultiMail.Benchmarks, "cold").
// Prints one line: scenario, wall ms and thread-CPU ms from the first line of Main to the result, the result's length
// (so nothing is optimized away), and the methods JIT-compiled on this thread meanwhile with their JIT time in ms.
// A second argument --warm-json parses an unrelated JSON document before the clock starts. Exit code 2 = unknown scenario.
using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using MultiMail;
using MultiMail.Benchmarks.Pairs;
using MultiMail.Benchmarks.Scenario;

_ = ThreadCpu.Nanoseconds(); // binds the clock_gettime P/Invoke before the clock starts
if (args.Length > 1 && args[1] == "--warm-json")
{
    // As in an agent host, where System.Text.Json has parsed something before the tools are built: an unrelated document.
    using var warm = JsonDocument.Parse("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":1}");
    _ = warm.RootElement.GetProperty("messages").GetArrayLength();
}

var jitCount0 = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
var jitTime0 = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
var wall0 = Stopwatch.GetTimestamp();
var cpu0 = ThreadCpu.Nanoseconds();
var scenario = args.Length > 0 ? args[0] : string.Empty;
int result;
switch (scenario)
{
    case "empty":
        result = 0;
        break;
    case "ours-schema":
        result = EmailTools.MultiMailTools[0].ParametersJsonSchema.Length;
        break;
    case "ours-schema-no-pattern":
        result = InboxTools.MultiMailTools[0].ParametersJsonSchema.Length;
        break;
    case "ours-aifunction-schema":
        // No client on either side: the schema needs none, and HttpClient's own start-up (see http-client) is not the schema's.
        result = new EmailTools(null!).SendEmailAIFunction.JsonSchema.GetRawText().Length;
        break;
    case "peer-schema":
        result = AIFunctionFactory.Create(new PeerTools(null!).SendEmail, new AIFunctionFactoryOptions { Name = "send_email" }).JsonSchema.GetRawText().Length;
        break;
    case "ours-first-call":
        result = OursTools().InvokeAsync("send_email", Inputs.ArgumentsJson).AsTask().GetAwaiter().GetResult().Length;
        break;
    case "ours-aifunction-first-call":
        result = Text(OursTools().SendEmailAIFunction.InvokeAsync(HostArguments()).AsTask().GetAwaiter().GetResult());
        break;
    case "peer-first-call":
        result = Text(PeerFunction().InvokeAsync(HostArguments()).AsTask().GetAwaiter().GetResult());
        break;
    case "regex":
        result = new Regex("^[^\\r\\n]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).IsMatch(Inputs.Subject) ? 1 : 0;
        break;
    case "http-client":
        result = new MultiMailClient(Options(), new HttpClient(new CannedApiHandler())).Options.Timeout.Seconds;
        break;
    case "regex-construct":
        result = new Regex("^[^\\r\\n]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).GetHashCode() & 1;
        break;
    case "sha256":
        result = System.Security.Cryptography.SHA256.HashData("multimail-idempotency-v1"u8)[0];
        break;
    case "json-parse-utf8":
        using (var document = JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}"u8.ToArray()))
        {
            result = document.RootElement.GetProperty("properties").GetPropertyCount();
        }

        break;
    case "meai-arguments":
        result = new AIFunctionArguments { ["to"] = "a" }.Count;
        break;
    case "json-parse":
        using (var document = JsonDocument.Parse(Inputs.ArgumentsJson))
        {
            result = document.RootElement.GetProperty("to").GetArrayLength();
        }

        break;
    default:
        Console.Error.WriteLine("unknown scenario '" + scenario + "'");
        return 2;
}

var cpu = (ThreadCpu.Nanoseconds() - cpu0) / 1e6;
var wall = Stopwatch.GetElapsedTime(wall0).TotalMilliseconds;
var jitCount = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - jitCount0;
var jitTime = (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jitTime0).TotalMilliseconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}\t{wall:0.000}\t{cpu:0.000}\t{result}\t{jitCount}\t{jitTime:0.000}"));
return 0;

static MultiMailClientOptions Options() => new() { ApiKey = Inputs.ApiKey, BaseAddress = Inputs.BaseAddress, DefaultMailboxId = Inputs.Mailbox };

static EmailTools OursTools() => new(new MultiMailClient(Options(), new HttpClient(new CannedApiHandler())));

static AIFunction PeerFunction() =>
    AIFunctionFactory.Create(new PeerTools(new HandWrittenClient(new HttpClient(new CannedApiHandler()), Inputs.Mailbox)).SendEmail, new AIFunctionFactoryOptions { Name = "send_email" });

static AIFunctionArguments HostArguments() =>
    new(JsonSerializer.Deserialize(Inputs.ArgumentsJson, PeerJsonContext.Default.DictionaryStringObject)!);

static int Text(object? value) => value switch
{
    string s => s.Length,
    JsonElement e => e.GetRawText().Length,
    _ => -1,
};
