namespace MultiMail.Generators;

/// <summary>
/// Metadata names of the runtime library's types. The generator does not reference the runtime library; a test checks
/// these strings against <c>typeof(...).FullName</c>.
/// </summary>
internal static class KnownTypeNames
{
    public const string MultiMailToolAttribute = "MultiMail.MultiMailToolAttribute";
    public const string MultiMailBoundAttribute = "MultiMail.MultiMailBoundAttribute";
    public const string MultiMailParameterAttribute = "MultiMail.MultiMailParameterAttribute";
    public const string MultiMailClient = "MultiMail.MultiMailClient";
    public const string IMultiMailToolSet = "MultiMail.IMultiMailToolSet";
    public const string MultiMailToolDescriptor = "MultiMail.MultiMailToolDescriptor";
    public const string MultiMailToolEffect = "MultiMail.MultiMailToolEffect";
    public const string MultiMailRequest = "MultiMail.Internal.MultiMailRequest";
    public const string ToolArguments = "MultiMail.Internal.ToolArguments";
    public const string ToolText = "MultiMail.Internal.ToolText";
    public const string MultiMailFormat = "MultiMail.Internal.MultiMailFormat";
    public const string MultiMailApiException = "MultiMail.MultiMailApiException";
}

/// <summary>Names of the tracked pipeline steps, used by <c>WithTrackingName</c> and by the incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Transform = nameof(Transform);
    public const string ValidTools = nameof(ValidTools);
    public const string ByType = nameof(ByType);
    public const string Facts = nameof(Facts);
    public const string Adapters = nameof(Adapters);
}
