namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// Logs each peer certificate the silo's TLS refused, with the certificate's subject and the reason: a silo of another
/// CA trying to join, or a grain client with a certificate we do not trust. Orleans itself logs a refused inbound
/// handshake only at Debug level, without the certificate. Created before the host (the TLS options are), so its
/// logger is attached once the services exist.
/// </summary>
public sealed partial class TlsPeerRejectionLog
{
    private ILogger? _logger;

    public void Attach(ILoggerFactory loggers) => _logger ??= loggers.CreateLogger<TlsPeerRejectionLog>();

    public void Rejected(string reason)
    {
        if (_logger is { } logger)
        {
            LogRejected(logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused a TLS connection on the Orleans silo or gateway port (or to another silo): {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
