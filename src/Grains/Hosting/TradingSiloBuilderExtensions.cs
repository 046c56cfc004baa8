using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansTrading.Grains.Activity;
using OrleansTrading.Grains.Control;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Portfolio;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Validation;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Grains;

public static class TradingSiloBuilderExtensions
{
    /// <summary>Orleans' ADO.NET invariant for SQLite; Orleans maps it to Microsoft.Data.Sqlite's factory.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Everything the engine needs inside a silo: validated options, the SQLite database and its schema, grain
    /// storage through Orleans' ADO.NET provider, the trading clock and the venue. Used by the silo host and by tests.
    /// </summary>
    public static ISiloBuilder AddTradingEngine(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddTradingOptions(silo.Configuration);
        services.TryAddKeyedSingleton(TradingClock.Key, TimeProvider.System);
        // Created when membership first asks for it, so the watchdog starts moments later (see MembershipClock).
        services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());
        var postgreSql = StorageProviders.IsPostgreSql(silo.Configuration);
        if (postgreSql)
        {
            silo.AddPostgreSqlStorage();
        }
        else
        {
            services.TryAddSingleton<SqliteDatabase>();
            services.TryAddSingleton(provider => provider.GetRequiredService<SqliteDatabase>().Status);
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteSchemaInitializer>();
            services.AddHostedService<DatabaseWatch>();
        }

        services.AddHostedService<DemoModeLog>();
        services.TryAddSingleton<ActivityCollector>(provider =>
            new ActivityCollector(provider.GetRequiredKeyedService<TimeProvider>(TradingClock.Key)));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ActivityFlusher>();
        services.TryAddSingleton<PortfolioCollector>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PortfolioFlusher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Reconciliation.ReconciliationStarter>();
        services.AddMetrics();
        services.TryAddSingleton<Telemetry.TradingMetrics>();
        services.TryAddSingleton<IVenue, PaperVenue>();
        services.TryAddSingleton<VenueFaults>();
        services.TryAddSingleton<ITradeJournal, SqliteTradeJournal>();
        services.TryAddSingleton<IVenueOrderArchive, SqliteVenueOrderArchive>();
        services.TryAddSingleton<Accounts.IAccountDirectoryRows, Accounts.SqliteAccountDirectory>();
        services.TryAddSingleton<Reconciliation.IMonitoredAccounts, Reconciliation.SqliteMonitoredAccounts>();
        services.TryAddSingleton<Market.IQuoteWatchStore, Market.SqliteQuoteWatchStore>();
        services.TryAddSingleton<Reconciliation.ReconciliationBoard>();
        silo.AddIncomingGrainCallFilter<AccountCreationFilter>();
        services.AddOptions<ReminderOptions>().Configure<IOptions<TradingOptions>>((reminders, trading) =>
            reminders.MinimumReminderPeriod = trading.Value.Reconciliation.Interval);
        if (postgreSql)
        {
            return silo;
        }

        silo.AddAdoNetGrainStorage(StorageNames.Trading, (OptionsBuilder<AdoNetGrainStorageOptions> ob) => ob.Configure<SqliteDatabase, IServiceProvider>((storage, database, provider) =>
        {
            storage.Invariant = SqliteInvariant;
            storage.DataSource = database.DataSource;
            // Orleans' binary serializer: exact decimals (scale included), version-tolerant through the [Id]s, and compact.
            storage.GrainStorageSerializer = ActivatorUtilities.CreateInstance<ReusedBufferGrainStorageSerializer>(provider);
        }));
        silo.UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> ob) => ob.Configure<SqliteDatabase>((reminders, database) =>
        {
            reminders.Invariant = SqliteInvariant;
            reminders.DataSource = database.DataSource;
        }));
        return silo;
    }

    public static IServiceCollection AddTradingOptions(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<TradingOptions>()
            .Bind(configuration.GetSection(TradingOptions.SectionName))
            // A demo market that may trade at any hour runs the engine with its window off; the engine info says why.
            .PostConfigure(options => options.TradingWindow.Enabled &= !options.Demo.IgnoresTradingWindow)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TradingOptions>, TradingOptionsValidator>());
        return services;
    }
}
