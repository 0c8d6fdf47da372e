namespace MultiMail.Sandbox.Tests.Infrastructure;

/// <summary>Files of the repository the sandbox tests read.</summary>
internal static class RepoPaths
{
    public const string ContractRelativePath = "docs/contract/multimail-openapi.json";

    /// <summary>The repository's root.</summary>
    public static string Root => RepositoryFiles.Root;

    /// <summary>The repository's copy of the vendor OpenAPI document.</summary>
    public static string ContractFile => RepositoryFiles.Path(ContractRelativePath.Split('/'));
}
