return await Consumer.ConsumerProgram.RunAsync("net10.0");
