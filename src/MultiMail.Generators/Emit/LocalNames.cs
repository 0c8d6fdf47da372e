using System.Collections.Generic;
using System.Globalization;
using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Emit;

/// <summary>
/// The names one generated method declares (its locals, lambda parameters and own parameters), each chosen against
/// the names the user's code brings into that method: the tool's parameters (tool methods and their invoke methods) or
/// an object's properties (object readers and writers, which declare a local per property). A name is the preferred
/// one (<c>__request</c>) unless a user name already is that, then the first free <c>__request_2</c>,
/// <c>__request_3</c>, …; the same preferred name always gets the same answer within the method. Any name a user can
/// write is therefore safe, with no list of reserved names to keep in step with the emitter.
/// </summary>
internal sealed class LocalNames
{
    private readonly HashSet<string> _userNames;
    private readonly HashSet<string> _taken;
    private readonly Dictionary<string, string> _chosen = new(System.StringComparer.Ordinal);

    private LocalNames(HashSet<string> userNames)
    {
        _userNames = userNames;
        _taken = new HashSet<string>(userNames, System.StringComparer.Ordinal);
    }

    /// <summary>A method where no user name is in scope (dispatchers, enum helpers).</summary>
    public static LocalNames None() => new(new HashSet<string>(System.StringComparer.Ordinal));

    /// <summary>A method where these user names (as written, <c>@</c> or not) are in scope.</summary>
    public static LocalNames Around(IEnumerable<string> userNames)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var name in userNames)
        {
            names.Add(Naming.Unescaped(name));
        }

        return new LocalNames(names);
    }

    /// <summary>The name to declare for <paramref name="preferred"/> in this method.</summary>
    public string this[string preferred]
    {
        get
        {
            if (_chosen.TryGetValue(preferred, out var name))
            {
                return name;
            }

            name = preferred;
            for (var i = 2; _taken.Contains(name); i++)
            {
                name = preferred + "_" + i.ToString(CultureInfo.InvariantCulture);
            }

            _taken.Add(name);
            _chosen.Add(preferred, name);
            return name;
        }
    }

    /// <summary>Whether a user name in this method hides a member of the type called <paramref name="member"/>.</summary>
    public bool Hides(string member) => _userNames.Contains(member);
}
