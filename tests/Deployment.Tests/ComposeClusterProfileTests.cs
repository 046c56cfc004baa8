using OrleansTrading.Deployment.Tests.Support;

namespace OrleansTrading.Deployment.Tests;

/// <summary>
/// The compose file's <c>cluster</c> profile: PostgreSQL (official image, named volume, health check, a generated
/// password), two silos on it and a dashboard that reads the live gateways from it. The default profile stays one
/// silo on SQLite (ComposeFileTests).
/// </summary>
public sealed class ComposeClusterProfileTests
{
    private static readonly string[] ClusterSilos = ["silo-1", "silo-2"];
    private readonly ComposeFile _compose = ComposeFile.Load(ComposeVariables.Test());

    [Fact]
    public void The_cluster_profile_is_postgresql_its_secret_maker_two_silos_and_a_dashboard_and_starts_only_when_asked()
    {
        var cluster = _compose.Services.Values.Where(s => !s.IsDefault).ToList();
        Assert.Equal(["cluster-dashboard", "postgres", "postgres-secret", "silo-1", "silo-2"], cluster.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(cluster, s => Assert.Equal(["cluster"], s.Profiles));
        // Nothing of the default profile depends on the cluster, or talks to PostgreSQL.
        foreach (var service in _compose.Services.Values.Where(s => s.IsDefault))
        {
            Assert.DoesNotContain(service.DependsOn.Keys, d => cluster.Any(c => c.Name == d));
            Assert.False(service.Environment.ContainsKey("Trading__Storage__Provider"));
        }
    }

    [Fact]
    public void Postgresql_is_the_official_image_pinned_keeps_its_data_in_a_named_volume_checks_health_and_publishes_nothing()
    {
        var postgres = _compose["postgres"];
        var image = ((YamlDotNet.RepresentationModel.YamlScalarNode)ComposeFile.Child(postgres.Raw, "image")!).Value!;
        Assert.Matches(@"^postgres:\d+\.\d+-[a-z]+$", image);
        var data = Assert.Single(postgres.Volumes, v => v.Target == "/var/lib/postgresql/data");
        Assert.Contains(data.Source, _compose.NamedVolumes);
        Assert.Equal(["CMD", "pg_isready", "-U", "trading", "-d", "trading", "-h", "127.0.0.1"], postgres.HealthCheck);
        Assert.Empty(postgres.Ports);
        Assert.Equal("unless-stopped", postgres.Restart);
        Assert.Equal("service_completed_successfully", postgres.DependsOn["postgres-secret"]);
    }

    [Fact]
    public void The_database_password_is_generated_into_a_volume_and_never_written_in_the_file()
    {
        var maker = _compose["postgres-secret"];
        Assert.Equal("no", maker.Restart);
        var written = Assert.Single(maker.Volumes);
        Assert.Equal("postgres-secret", written.Source);
        Assert.Contains(_compose.NamedVolumes, v => v == "postgres-secret");

        var postgres = _compose["postgres"];
        var secret = Assert.Single(postgres.Volumes, v => v.Source == "postgres-secret");
        Assert.True(secret.ReadOnly);
        Assert.Equal($"{secret.Target}/password", postgres.Environment["POSTGRES_PASSWORD_FILE"]);
        Assert.False(postgres.Environment.ContainsKey("POSTGRES_PASSWORD"));

        foreach (var client in ClusterSilos.Append("cluster-dashboard"))
        {
            var service = _compose[client];
            var mounted = Assert.Single(service.Volumes, v => v.Source == "postgres-secret");
            Assert.True(mounted.ReadOnly);
            var connection = service.Environment["Trading__Storage__PostgreSqlConnectionString"];
            Assert.Contains($"Passfile={mounted.Target}/pgpass", connection, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", connection, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Host=postgres;", connection, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Both_silos_share_the_database_and_the_cluster_ids_advertise_their_own_names_and_keep_mutual_tls()
    {
        var ids = ClusterSilos.Select(s => (_compose[s].Environment["Orleans__ClusterId"], _compose[s].Environment["Orleans__ServiceId"])).Distinct();
        Assert.Single(ids);
        foreach (var name in ClusterSilos)
        {
            var silo = _compose[name];
            Assert.Equal("PostgreSql", silo.Environment["Trading__Storage__Provider"]);
            Assert.Equal(name, silo.Environment["Orleans__AdvertisedHost"]);
            Assert.Equal("true", silo.Environment["Orleans__ListenOnAnyAddress"]);
            Assert.False(silo.Environment.ContainsKey("Orleans__AllowInsecureGateway"));
            Assert.Equal("/certs/silo.pfx", silo.Environment["Orleans__Tls__CertificatePath"]);
            Assert.Equal("service_healthy", silo.DependsOn["postgres"]);
            Assert.Equal("service_completed_successfully", silo.DependsOn["gateway-certs"]);
            Assert.Contains("GET /health ", silo.HealthCheck[^1], StringComparison.Ordinal);
            // No SQLite volume: all state is in PostgreSQL.
            Assert.DoesNotContain(silo.Volumes, v => v.Source == "trading-data");
            var orleansPorts = new[] { int.Parse(silo.Environment["Orleans__SiloPort"]), int.Parse(silo.Environment["Orleans__GatewayPort"]) };
            Assert.DoesNotContain(silo.Ports, p => orleansPorts.Contains(p.ContainerPort));
        }

        // Their APIs and the cluster dashboard are published on loopback, on ports of their own.
        Assert.Equal([new ComposePort("127.0.0.1", "5001", 8080)], _compose["silo-1"].Ports);
        Assert.Equal([new ComposePort("127.0.0.1", "5002", 8080)], _compose["silo-2"].Ports);
        Assert.Equal([new ComposePort("127.0.0.1", "5081", 8080)], _compose["cluster-dashboard"].Ports);
    }

    [Fact]
    public void The_cluster_dashboard_reads_the_gateways_from_the_database_and_waits_for_both_silos()
    {
        var dashboard = _compose["cluster-dashboard"];
        Assert.Equal("PostgreSql", dashboard.Environment["Trading__Storage__Provider"]);
        Assert.False(dashboard.Environment.ContainsKey("Orleans__Gateways"));
        Assert.Equal(_compose["silo-1"].Environment["Orleans__ClusterId"], dashboard.Environment["Orleans__ClusterId"]);
        Assert.All(ClusterSilos, s => Assert.Equal("service_healthy", dashboard.DependsOn[s]));
        Assert.Equal("/certs/client.pfx", dashboard.Environment["Orleans__Tls__CertificatePath"]);
    }
}
