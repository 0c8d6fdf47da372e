using System;
using System.IO;

namespace MultiMail.Sandbox.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test assembly's directory.</summary>
internal static class RepoPaths
{
    public const string ContractRelativePath = "docs/contract/multimail-openapi.json";

    /// <summary>The repository's root: the directory above the test output that holds the contract file.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ContractFile)!, "..", ".."));

    /// <summary>The repository's copy of the vendor OpenAPI document (walks up from the test output directory).</summary>
    public static string ContractFile
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ContractRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("Could not find " + ContractRelativePath + " above " + AppContext.BaseDirectory);
        }
    }
}
