using OrleansTrading.Client;
using OrleansTrading.Client.Connection;

return await TradingCli.RunAsync(args, new OrleansEngineConnector(), Console.Out, Console.Error);
