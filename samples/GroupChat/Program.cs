// The main demo: the seed guide's "group chat with email coordination" in .NET.
//
//   dotnet run --project samples/GroupChat [recipient@example.com]
//
// Offline (the default) it starts a MultiMail sandbox in this process and a scripted stand-in plays the model.
// Set MULTIMAIL_API_KEY (+ MULTIMAIL_API_URL, MULTIMAIL_MAILBOX_ID, MULTIMAIL_OVERSIGHT_KEY) for the real API, and
// OPENAI_API_KEY (+ OPENAI_BASE_URL, OPENAI_MODEL) for a real model.
using System;
using GroupChat;
using MultiMail.Samples;

var recipient = args.Length > 0 ? args[0] : GroupChatDemo.DefaultRecipient;
await using var backend = await EmailBackend.FromEnvironmentAsync();
await GroupChatDemo.RunAsync(backend, SampleModel.FromEnvironment(), Console.Out, recipient);
return 0;
