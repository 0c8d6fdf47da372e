using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MultiMail.Sandbox.Hosting;

/// <summary>The standalone sandbox's command line (see <see cref="Program"/>).</summary>
internal static class SandboxCommandLine
{
    /// <summary>Reads the options; a value that cannot be used throws <see cref="FormatException"/>.</summary>
    public static MultiMailSandboxOptions Parse(string[] args)
    {
        // --in-memory is a flag: taken out before the configuration reader, which would otherwise take the next word as its value.
        var inMemory = args.Any(a => a is "--in-memory" or "--in-memory=true");
        var rest = args.Where(a => a is not ("--in-memory" or "--in-memory=true" or "--in-memory=false")).ToArray();
        var config = new ConfigurationBuilder()
            .AddCommandLine(rest, new Dictionary<string, string>
            {
                ["--urls"] = "urls",
                ["--db"] = "db",
                ["--seed-demo-mail"] = "seed-demo-mail",
                ["--agent-key"] = "agent-key",
                ["--oversight-key"] = "oversight-key",
                ["--admin-key"] = "admin-key",
            })
            .Build();
        return new MultiMailSandboxOptions
        {
            Url = config["urls"] ?? "http://127.0.0.1:5080",
            DatabasePath = inMemory ? null : Path.GetFullPath(config["db"] ?? "multimail-sandbox.db"),
            SeedDemoMail = !string.Equals(config["seed-demo-mail"], "false", StringComparison.OrdinalIgnoreCase),
            AgentApiKey = config["agent-key"],
            OversightApiKey = config["oversight-key"],
            AdminApiKey = config["admin-key"],
            MinimumLogLevel = LogLevel.Information,
        };
    }
}
