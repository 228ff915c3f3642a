using Microsoft.Extensions.Logging;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.ModelServer;

/// <summary>
/// Microsoft.Extensions.Logging onto the worker's <see cref="JobLog"/>, so the supervisor (and the server
/// output it relays) lands in the same JSON lines as everything else; the structured values become fields.
/// </summary>
public sealed class JobLogLoggerProvider(JobLog log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(log, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(JobLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var fields = new Dictionary<string, object?> { ["category"] = category };
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (var (k, v) in values.Where(p => p.Key != "{OriginalFormat}"))
                {
                    fields[k] = v;
                }
            }
            if (exception is not null)
            {
                fields["error"] = exception.Message;
            }
            var message = formatter(state, exception);
            switch (logLevel)
            {
                case >= LogLevel.Error:
                    log.Error(message, fields: fields);
                    break;
                case LogLevel.Warning:
                    log.Warn(message, fields: fields);
                    break;
                default:
                    log.Info(message, fields: fields);
                    break;
            }
        }
    }
}
