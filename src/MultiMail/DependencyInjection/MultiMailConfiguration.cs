using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace MultiMail.DependencyInjection;

/// <summary>
/// Applies a configuration section to named <see cref="MultiMailClientOptions"/>. Read by hand (seven keys, no reflection,
/// so trimming and NativeAOT need nothing) with error messages that name the key and never echo the API key.
/// Empty values are ignored, so an appsettings placeholder never hides an environment variable.
/// </summary>
internal sealed class MultiMailConfiguration : IConfigureNamedOptions<MultiMailClientOptions>
{
    private readonly string _name;
    private readonly string _sectionPath;
    private readonly IConfiguration? _configuration;

    public MultiMailConfiguration(string name, string sectionPath, IConfiguration? configuration)
    {
        _name = name;
        _sectionPath = sectionPath;
        _configuration = configuration;
    }

    public void Configure(MultiMailClientOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, MultiMailClientOptions options)
    {
        if (_configuration is null || !string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal))
        {
            return;
        }

        Apply(_configuration.GetSection(_sectionPath), options);
    }

    internal static void Apply(IConfigurationSection section, MultiMailClientOptions options)
    {
        if (Value(section, nameof(MultiMailClientOptions.ApiKey)) is { } apiKey)
        {
            options.ApiKey = apiKey;
        }

        if (Value(section, nameof(MultiMailClientOptions.BaseAddress)) is { } baseAddress)
        {
            if (!Uri.TryCreate(baseAddress, UriKind.Absolute, out var uri))
            {
                throw Invalid(section, nameof(MultiMailClientOptions.BaseAddress), baseAddress, "an absolute http(s) URL such as https://api.multimail.dev");
            }

            try
            {
                options.BaseAddress = uri;
            }
            catch (ArgumentException ex)
            {
                throw Invalid(section, nameof(MultiMailClientOptions.BaseAddress), baseAddress, ex.Message);
            }
        }

        if (Value(section, nameof(MultiMailClientOptions.DefaultMailboxId)) is { } mailbox)
        {
            options.DefaultMailboxId = mailbox;
        }

        if (Value(section, nameof(MultiMailClientOptions.DeriveIdempotencyKeys)) is { } derive)
        {
            options.DeriveIdempotencyKeys = bool.TryParse(derive, out var flag)
                ? flag
                : throw Invalid(section, nameof(MultiMailClientOptions.DeriveIdempotencyKeys), derive, "true or false");
        }

        if (Value(section, nameof(MultiMailClientOptions.MarkUntrustedContent)) is { } mark)
        {
            options.MarkUntrustedContent = bool.TryParse(mark, out var flag)
                ? flag
                : throw Invalid(section, nameof(MultiMailClientOptions.MarkUntrustedContent), mark, "true or false");
        }

        if (Value(section, nameof(MultiMailClientOptions.Timeout)) is { } timeout)
        {
            var parsed = ParseTimeout(timeout) ?? throw Invalid(section, nameof(MultiMailClientOptions.Timeout), timeout, "a number of seconds (30) or a time span (00:00:30), positive");
            try
            {
                options.Timeout = parsed;
            }
            catch (ArgumentOutOfRangeException)
            {
                throw Invalid(section, nameof(MultiMailClientOptions.Timeout), timeout, "a positive duration");
            }
        }

        if (Value(section, nameof(MultiMailClientOptions.MaxResponseCharacters)) is { } max)
        {
            options.MaxResponseCharacters = int.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0
                ? count
                : throw Invalid(section, nameof(MultiMailClientOptions.MaxResponseCharacters), max, "a positive whole number");
        }
    }

    private static string? Value(IConfigurationSection section, string key)
    {
        var value = section[key];
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    private static TimeSpan? ParseTimeout(string text)
    {
        // A bare number is seconds ("30"); TimeSpan.Parse would read it as days.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds > 0 && seconds < int.MaxValue / 1000 ? TimeSpan.FromSeconds(seconds) : null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }

    private static InvalidOperationException Invalid(IConfigurationSection section, string key, string value, string expected) =>
        new("Configuration value '" + section.Path + ":" + key + "' ('" + value + "') is not valid: expected " + expected + ".");
}

/// <summary>Tells the options monitor when the section may have changed, so the next tool call reads the new values.</summary>
internal sealed class MultiMailConfigurationChangeSource : IOptionsChangeTokenSource<MultiMailClientOptions>
{
    private static readonly IChangeToken NeverChanges = new CancellationChangeToken(System.Threading.CancellationToken.None);

    private readonly string _sectionPath;
    private readonly IConfiguration? _configuration;

    public MultiMailConfigurationChangeSource(string name, string sectionPath, IConfiguration? configuration)
    {
        Name = name;
        _sectionPath = sectionPath;
        _configuration = configuration;
    }

    public string Name { get; }

    public IChangeToken GetChangeToken() =>
        _configuration?.GetSection(_sectionPath).GetReloadToken() ?? NeverChanges;
}
