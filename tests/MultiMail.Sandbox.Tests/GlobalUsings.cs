global using MultiMail.TestSupport;
