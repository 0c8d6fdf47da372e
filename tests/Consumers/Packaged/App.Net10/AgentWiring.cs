namespace Consumer;

/// <summary>A home-grown agent type whose registration method is named in .editorconfig.</summary>
public sealed class MyAgent
{
    public MyAgent(string name) => Name = name;

    public string Name { get; }

    public void RegisterForLlm(object toolSet)
    {
    }
}

public static class AgentWiring
{
    // The email tools given to two agents: MMG1001 at the second (the Researcher).
    public static void Wire(EmailTools email)
    {
        var assistant = new MyAgent("EmailAgent");
        var researcher = new MyAgent("Researcher");
        assistant.RegisterForLlm(email);
        researcher.RegisterForLlm(email);
    }
}
