// The seed guide's "email agent setup" in .NET: an Agent Framework agent with MultiMail's email tools.
//
//   dotnet run --project samples/EmailAssistant
//
// Offline (the default) it starts a MultiMail sandbox in this process, with a few inbound emails, and a scripted
// stand-in plays the model. Set MULTIMAIL_API_KEY (+ MULTIMAIL_API_URL, MULTIMAIL_MAILBOX_ID) for the real API and
// OPENAI_API_KEY (+ OPENAI_BASE_URL, OPENAI_MODEL) for a real model.
using System;
using EmailAssistant;
using MultiMail.Samples;

await using var backend = await EmailBackend.FromEnvironmentAsync(seed: SampleInbox.SeedAsync);
await EmailAssistantDemo.RunAsync(backend, SampleModel.FromEnvironment(), Console.Out);
return 0;
