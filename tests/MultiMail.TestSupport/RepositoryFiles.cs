using System;
using System.IO;

namespace MultiMail.TestSupport;

/// <summary>Finds files of the repository from a test's output directory (the folder that holds MultiMail.Generators.sln).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the root: <c>RepositoryFiles.Path("docs", "contract", "multimail-openapi.json")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MultiMail.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MultiMail.Generators.sln) was not found above " + AppContext.BaseDirectory);
    }
}
