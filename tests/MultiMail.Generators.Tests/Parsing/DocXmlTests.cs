using System;
using System.Linq;
using CsCheck;
using MultiMail.Generators.Parsing;

namespace MultiMail.Generators.Tests.Parsing;

/// <summary>
/// The fast doc-comment reader against XElement: on any text, well-formed or not, the summary and the parameters come
/// out the same (the fast reader either reads it as XElement would, or hands it to XElement).
/// </summary>
public sealed class DocXmlTests
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("MMG_PROPERTY_ITERATIONS"), out var n) ? n : 2000;

    private static readonly string[] Names = { "to", "subject", "x", "emailId" };

    /// <summary>Doc-comment XML: ordinary markup most of the time, hostile text and malformed markup often.</summary>
    private static readonly Gen<string> Xml = Gen.Recursive<string>((depth, xml) =>
    {
        var word = Gen.OneOf<string>(
            Gen.String[Gen.Char['a', 'z'], 1, 8],
            Gen.OneOf<string>(" ", "  ", "\n", " \n ", "\t", "&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#65;", "&#x42;", "&#32;", "&#10;",
                "&nbsp;", "&", "<", ">", "]]>", "\"", "'", "\u0001", "\uD800", "\uD83D\uDE00", "é", "\u00A0", "\r", "&#0;", "&#xD800;", "&#1114111;", ";"),
            Gen.String[Gen.Char, 0, 3]);
        var text = word.Array[0, 6].Select(parts => string.Concat(parts));
        if (depth > 3)
        {
            return text;
        }

        var name = Gen.OneOf<string>(Names);
        var attribute = Gen.OneOf<string>(
            name.Select(v => " name=\"" + v + "\""),
            name.Select(v => " name='" + v + "'"),
            Gen.OneOf<string>(" cref=\"T:Demo.Type\"", " cref=\"M:Demo.Type.Run(System.Int32)\"", " langword=\"null\"", " href=\"https://example.com\"",
                " name=\"a&amp;b\"", " name=\"x\" name=\"y\"", " name=\"a<b\"", " name=\"tab\there\"", " name=\"nl\nhere\"", " name=x", " name=\"unterminated", " xml:space=\"preserve\"", " xmlns=\"urn:x\"", ""));
        var tag = Gen.OneOf<string>("summary", "param", "paramref", "typeparamref", "see", "seealso", "c", "para", "br", "list", "item", "inheritdoc", "returns", "remarks", "x:see", "Summary", "b1");
        var element = Gen.Select(tag, attribute, xml, Gen.Int[0, 9]).Select(t =>
            t.Item4 switch
            {
                0 => "<" + t.Item1 + t.Item2 + "/>",
                1 => "<" + t.Item1 + t.Item2 + ">" + t.Item3,                        // not closed
                2 => "<" + t.Item1 + t.Item2 + ">" + t.Item3 + "</other>",            // wrongly closed
                3 => "<" + t.Item1 + t.Item2 + " >" + t.Item3 + "</" + t.Item1 + " >",
                _ => "<" + t.Item1 + t.Item2 + ">" + t.Item3 + "</" + t.Item1 + ">",
            });
        var special = Gen.OneOf<string>("<!-- a comment -->", "<![CDATA[a <b> c]]>", "<?pi x?>", "<!DOCTYPE x>", "</summary>", "< summary>");
        var node = Gen.Frequency<string>((6, element), (4, text), (1, special));
        return node.Array[0, 5].Select(parts => string.Concat(parts));
    });

    [Fact]
    public void The_fast_reader_reads_every_comment_as_XElement_does()
    {
        var read = 0;
        var total = 0;
        Xml.Sample(xml =>
        {
            System.Threading.Interlocked.Increment(ref total);
            if (DocXml.TryParse(xml) is not null)
            {
                System.Threading.Interlocked.Increment(ref read);
            }

            var fast = DocComments.FromXml(xml, name => "wire_" + name);
            var reference = DocComments.FromXml(xml, name => "wire_" + name, fastPath: false);
            Assert.Equal(reference.Summary, fast.Summary);
            foreach (var name in Names)
            {
                Assert.Equal(reference.Parameter(name), fast.Parameter(name));
            }
        }, iter: Iterations);

        // Both paths are exercised: a good share of the samples is read by the fast reader, the rest by XElement.
        Assert.InRange(read, total / 10, total - (total / 10));
    }

    [Fact]
    public void Ordinary_comments_take_the_fast_path()
    {
        // The property above cannot tell whether the fast reader ever answers; these must be read without XElement.
        foreach (var xml in new[]
        {
            "<summary>Send an email. In <c>gated_send</c> mode it is queued.</summary>\n<param name=\"to\">Recipient addresses.</param>\n",
            "<summary>Uses <paramref name=\"emailId\"/> and <see langword=\"null\"/> &amp; <see cref=\"T:Demo.Note\"/>.</summary>\n<returns>Text.</returns>\n",
            "<summary>\n<para>One.</para>\n<para>Two &lt;three&gt;.</para>\n</summary>\n",
        })
        {
            Assert.NotNull(DocXml.TryParse(xml));
        }

        Assert.Equal("Uses wire_emailId and null & Note.", DocComments.FromXml("<summary>Uses <paramref name=\"emailId\"/> and <see langword=\"null\"/> &amp; <see cref=\"T:Demo.Note\"/>.</summary>", n => "wire_" + n).Summary);
        Assert.Null(DocXml.TryParse("<summary>a<!-- c -->b</summary>"));
        Assert.Null(DocXml.TryParse("<summary>a &nbsp; b</summary>"));
        Assert.Null(DocXml.TryParse("<summary>open"));
    }
}
