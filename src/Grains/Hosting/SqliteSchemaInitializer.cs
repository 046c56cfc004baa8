using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains;

/// <summary>Applies the schema at the very first silo lifecycle stage, before any storage provider reads its queries.</summary>
internal sealed class SqliteSchemaInitializer(SqliteDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteSchemaInitializer), ServiceLifecycleStage.First, _ =>
        {
            database.EnsureSchema();
            return Task.CompletedTask;
        });
}
