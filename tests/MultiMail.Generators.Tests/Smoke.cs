namespace MultiMail.Generators.Tests;
public class Smoke { [Xunit.Fact] public void Runs() => Xunit.Assert.True(true); }
