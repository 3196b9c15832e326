using OpenData.Cli;

return await OpenDataCommand.RunAsync(args);
