return await Consumer.ConsumerProgram.RunAsync("net8.0");
