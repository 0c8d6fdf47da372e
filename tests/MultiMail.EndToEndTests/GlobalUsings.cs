global using Xunit;
global using MultiMail.TestSupport;
