using System;
using MultiMail;
using QuickStart;

using var client = new MultiMailClient(new MultiMailClientOptions());
var tools = new EmailTools(client);
foreach (var tool in tools.Tools)
{
    Console.WriteLine(tool.ToOpenAIToolJson());
}
