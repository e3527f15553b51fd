using HoodyKit.Daemon.Cli;

return await HoodyKitCommandLine.RunAsync(args);
