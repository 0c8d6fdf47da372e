namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 code use records and init accessors (as users of such libraries do).</summary>
    internal static class IsExternalInit
    {
    }
}
