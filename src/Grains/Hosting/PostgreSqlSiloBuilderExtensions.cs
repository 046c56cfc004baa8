using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Grains;

public static class PostgreSqlSiloBuilderExtensions
{
    /// <summary>
    /// <c>Trading:Storage:Provider=PostgreSql</c>: grain storage, reminders, the journal and the venue archive in one
    /// PostgreSQL database shared by the cluster's silos, its schema applied at the first lifecycle stage. Clustering
    /// is the host's choice (<see cref="UseTradingPostgreSqlClustering"/>): in-process test clusters keep theirs.
    /// </summary>
    public static ISiloBuilder AddPostgreSqlStorage(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.TryAddSingleton<PostgreSqlDatabase>();
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlDatabase>().Status);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgreSqlSchemaInitializer>();
        services.TryAddSingleton<ITradeJournal, PostgreSqlTradeJournal>();
        services.TryAddSingleton<IVenueOrderArchive, PostgreSqlVenueOrderArchive>();
        services.TryAddSingleton<Accounts.IAccountDirectoryRows, Accounts.PostgreSqlAccountDirectory>();
        services.TryAddSingleton<Reconciliation.IMonitoredAccounts, Reconciliation.PostgreSqlMonitoredAccounts>();
        services.TryAddSingleton<Market.IQuoteWatchStore, Market.PostgreSqlQuoteWatchStore>();

        silo.AddAdoNetGrainStorage(StorageNames.Trading, (OptionsBuilder<AdoNetGrainStorageOptions> ob) => ob.Configure<PostgreSqlDatabase, IServiceProvider>((storage, database, provider) =>
        {
            storage.Invariant = PostgreSqlDatabase.Invariant;
            storage.ConnectionString = database.ConnectionString;
            storage.GrainStorageSerializer = ActivatorUtilities.CreateInstance<ReusedBufferGrainStorageSerializer>(provider);
        }));
        silo.UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> ob) => ob.Configure<PostgreSqlDatabase>((reminders, database) =>
        {
            reminders.Invariant = PostgreSqlDatabase.Invariant;
            reminders.ConnectionString = database.ConnectionString;
        }));
        return silo;
    }

    /// <summary>
    /// Membership in the same database through Orleans' ADO.NET clustering: silos find each other there and clients
    /// read the live gateways from it. Timeouts tuned for a LAN (see <see cref="ClusterTimeouts"/>).
    /// </summary>
    public static ISiloBuilder UseTradingPostgreSqlClustering(this ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgreSqlDatabase.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.Configure<ClusterMembershipOptions>(ClusterTimeouts.Apply);
        return silo;
    }
}
