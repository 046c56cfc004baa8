using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains;

/// <summary>Applies the PostgreSQL schema at the very first silo lifecycle stage, before membership, storage or reminders read their queries.</summary>
internal sealed class PostgreSqlSchemaInitializer(PostgreSqlDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgreSqlSchemaInitializer), ServiceLifecycleStage.First, _ =>
        {
            database.EnsureSchema();
            return Task.CompletedTask;
        });
}
