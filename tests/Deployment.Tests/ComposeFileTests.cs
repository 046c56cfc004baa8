using System.Text.RegularExpressions;
using OrleansTrading.Deployment.Tests.Support;

namespace OrleansTrading.Deployment.Tests;

/// <summary>
/// docker-compose.yml as an operator relies on it: what is published and where, where secrets come from, what
/// restarts, what waits for what, where state lives. (docker-compose itself validates the schema in CI.)
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Apps = ["silo", "dashboard"];
    private readonly ComposeFile _compose = ComposeFile.Load(ComposeVariables.Test());

    [Fact]
    public void The_services_are_the_silo_the_dashboard_and_the_one_shot_certificate_maker()
    {
        // The default profile; the cluster profile's services are in ComposeClusterProfileTests.
        Assert.Equal(["dashboard", "gateway-certs", "silo"], _compose.Services.Values.Where(s => s.IsDefault).Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_the_api_and_the_dashboard_are_published_and_on_loopback_by_default()
    {
        Assert.Equal([new ComposePort("127.0.0.1", "5000", 8080)], _compose["silo"].Ports);
        Assert.Equal([new ComposePort("127.0.0.1", "5080", 8080)], _compose["dashboard"].Ports);
        Assert.Empty(_compose["gateway-certs"].Ports);
        foreach (var service in _compose.Services.Values)
        {
            Assert.Null(ComposeFile.Child(service.Raw, "network_mode"));
            Assert.Null(ComposeFile.Child(service.Raw, "expose"));
        }
    }

    [Fact]
    public void The_bind_address_and_the_host_ports_are_overridable_from_the_environment()
    {
        var variables = ComposeVariables.Test();
        variables["TRADING_BIND_ADDRESS"] = "0.0.0.0";
        variables["TRADING_API_PORT"] = "8000";
        variables["TRADING_DASHBOARD_PORT"] = "8001";
        var compose = ComposeFile.Load(variables);

        Assert.Equal([new ComposePort("0.0.0.0", "8000", 8080)], compose["silo"].Ports);
        Assert.Equal([new ComposePort("0.0.0.0", "8001", 8080)], compose["dashboard"].Ports);
    }

    [Fact]
    public void Every_silo_exports_metrics_only_to_the_collector_trading_otlp_endpoint_names()
    {
        var silos = _compose.Services.Values.Where(s => s.Dockerfile == "src/Silo/Dockerfile").ToList();
        Assert.Equal(3, silos.Count);
        Assert.All(silos, silo => Assert.Equal("", silo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]));

        var variables = ComposeVariables.Test();
        variables["TRADING_OTLP_ENDPOINT"] = "http://otel-collector:4318";
        var compose = ComposeFile.Load(variables);
        Assert.All(compose.Services.Values.Where(s => s.Dockerfile == "src/Silo/Dockerfile"),
            silo => Assert.Equal("http://otel-collector:4318", silo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]));
    }

    [Fact]
    public void The_orleans_ports_stay_inside_the_compose_network()
    {
        var silo = _compose["silo"].Environment;
        var orleansPorts = new[] { int.Parse(silo["Orleans__SiloPort"]), int.Parse(silo["Orleans__GatewayPort"]) };

        Assert.DoesNotContain(_compose.Services.Values.SelectMany(s => s.Ports), p => orleansPorts.Contains(p.ContainerPort));
        Assert.Equal($"silo:{silo["Orleans__GatewayPort"]}", _compose["dashboard"].Environment["Orleans__Gateways"]);
    }

    [Fact]
    public void The_silo_listens_on_every_container_address_advertises_its_service_name_and_requires_mutual_tls()
    {
        var silo = _compose["silo"].Environment;

        Assert.Equal("true", silo["Orleans__ListenOnAnyAddress"]);
        Assert.Equal("silo", silo["Orleans__AdvertisedHost"]);
        Assert.False(silo.ContainsKey("Orleans__AllowInsecureGateway"));
        foreach (var app in Apps)
        {
            var env = _compose[app].Environment;
            Assert.StartsWith("/certs/", env["Orleans__Tls__CertificatePath"], StringComparison.Ordinal);
            Assert.Equal("/certs/ca.crt", env["Orleans__Tls__CaCertificatePath"]);
            Assert.Contains(_compose[app].Volumes, v => v.Target == "/certs" && v.ReadOnly && _compose.NamedVolumes.Contains(v.Source));
        }
    }

    [Fact]
    public void Secrets_come_only_from_required_variables()
    {
        var raw = File.ReadAllText(Repository.PathOf("docker-compose.yml"));
        var secretSettings = new Dictionary<string, string>
        {
            ["silo/Trading__Api__Key"] = ComposeVariables.ApiKey,
            ["silo/Orleans__Tls__CertificatePassword"] = ComposeVariables.CertificatePassword,
            ["dashboard/Dashboard__OperatorPassword"] = ComposeVariables.OperatorPassword,
            ["dashboard/Orleans__Tls__CertificatePassword"] = ComposeVariables.CertificatePassword,
            ["gateway-certs/CERTIFICATE_PASSWORD"] = ComposeVariables.CertificatePassword,
            ["silo-1/Trading__Api__Key"] = ComposeVariables.ApiKey,
            ["silo-1/Orleans__Tls__CertificatePassword"] = ComposeVariables.CertificatePassword,
            ["silo-2/Trading__Api__Key"] = ComposeVariables.ApiKey,
            ["silo-2/Orleans__Tls__CertificatePassword"] = ComposeVariables.CertificatePassword,
            ["cluster-dashboard/Dashboard__OperatorPassword"] = ComposeVariables.OperatorPassword,
            ["cluster-dashboard/Orleans__Tls__CertificatePassword"] = ComposeVariables.CertificatePassword,
        };
        // Not secrets but where one is: the database password the cluster profile generates, in a read-only volume.
        string[] generatedSecretFiles = ["postgres/POSTGRES_PASSWORD_FILE"];
        foreach (var (setting, variable) in secretSettings)
        {
            var key = setting.Split('/')[1];
            Assert.Matches(new Regex($@"(?m)^\s+{Regex.Escape(key)}: \$\{{{variable}:\?[^}}]+\}}\s*$"), raw);
        }

        // Every setting whose name says secret is one of those, and nothing else in the file holds a literal secret.
        foreach (var service in _compose.Services.Values)
        {
            foreach (var key in service.Environment.Keys.Where(k => SecretName().IsMatch(k)))
            {
                if (generatedSecretFiles.Contains($"{service.Name}/{key}"))
                {
                    Assert.Contains(service.Volumes, v => v.ReadOnly && service.Environment[key].StartsWith(v.Target + "/", StringComparison.Ordinal));
                    continue;
                }

                Assert.Contains($"{service.Name}/{key}", secretSettings.Keys);
            }
        }

        foreach (var variable in ComposeVariables.Required)
        {
            var without = ComposeVariables.Test();
            without.Remove(variable);
            var missing = Assert.Throws<MissingVariableException>(() => ComposeFile.Load(without));
            Assert.Equal(variable, missing.Name);
            Assert.StartsWith($"set {variable}", missing.Message.Split(": ", 2)[1], StringComparison.Ordinal);

            without[variable] = "";
            Assert.Throws<MissingVariableException>(() => ComposeFile.Load(without));
        }
    }

    [Fact]
    public void The_apps_restart_unless_stopped_and_the_certificate_maker_runs_once()
    {
        Assert.All(Apps, app => Assert.Equal("unless-stopped", _compose[app].Restart));
        Assert.Equal("no", _compose["gateway-certs"].Restart);
    }

    [Fact]
    public void Both_apps_check_health_on_slash_health_and_the_dashboard_waits_for_a_healthy_silo()
    {
        foreach (var app in Apps)
        {
            var test = _compose[app].HealthCheck;
            Assert.Equal("CMD", test[0]);
            Assert.Contains("GET /health ", test[^1], StringComparison.Ordinal);
            Assert.Equal("service_completed_successfully", _compose[app].DependsOn["gateway-certs"]);
        }

        Assert.Equal("service_healthy", _compose["dashboard"].DependsOn["silo"]);
    }

    [Fact]
    public void The_database_lives_in_a_named_volume_mounted_where_the_image_keeps_it()
    {
        var data = Assert.Single(_compose["silo"].Volumes, v => v.Source == "trading-data");
        Assert.False(data.ReadOnly);
        Assert.Contains("trading-data", _compose.NamedVolumes);

        var image = Dockerfile.Load("src/Silo/Dockerfile").Final.Environment();
        Assert.Equal($"Data Source={data.Target}/db/trading.db", image["Trading__Storage__ConnectionString"]);

        // The record of databases this silo created sits in the same volume but outside the database's folder, so
        // losing the folder is noticed at the next start.
        Assert.Equal($"{data.Target}/known-databases.json", image["Trading__Storage__KnownDatabasesFile"]);
    }

    [Theory]
    [InlineData("dashboard", "dashboard-keys")]
    [InlineData("cluster-dashboard", "cluster-dashboard-keys")]
    public void Each_dashboard_keeps_its_sign_in_key_ring_in_a_named_volume_where_the_image_points(string app, string volume)
    {
        var keys = Assert.Single(_compose[app].Volumes, v => v.Source == volume);
        Assert.False(keys.ReadOnly);
        Assert.Contains(volume, _compose.NamedVolumes);

        var image = Dockerfile.Load("src/Dashboard/Dockerfile").Final.Environment();
        Assert.Equal(keys.Target, image["Dashboard__DataProtectionKeysPath"]);
    }

    [Fact]
    public void Each_certificate_volume_is_written_by_the_certificate_maker_and_read_by_one_app()
    {
        var maker = _compose["gateway-certs"];
        var silo = Assert.Single(maker.Volumes, v => v.Source == "silo-certs");
        var dashboard = Assert.Single(maker.Volumes, v => v.Source == "dashboard-certs");

        Assert.Equal(silo.Target, maker.Environment["SILO_CERTS_DIR"]);
        Assert.Equal(dashboard.Target, maker.Environment["DASHBOARD_CERTS_DIR"]);
        Assert.Equal("silo-certs", Assert.Single(_compose["silo"].Volumes, v => v.Target == "/certs").Source);
        Assert.Equal("dashboard-certs", Assert.Single(_compose["dashboard"].Volumes, v => v.Target == "/certs").Source);
    }

    [Fact]
    public void Both_apps_log_structured_json_to_the_console()
    {
        foreach (var app in Apps)
        {
            Assert.Equal("json", _compose[app].Environment["Logging__Console__FormatterName"]);
        }
    }

    [Fact]
    public void Substitution_follows_compose_rules()
    {
        var variables = new Dictionary<string, string> { ["SET"] = "value", ["EMPTY"] = "" };

        Assert.Equal("value", ComposeInterpolation.Apply("${SET:-fallback}", variables));
        Assert.Equal("fallback", ComposeInterpolation.Apply("${EMPTY:-fallback}", variables));
        Assert.Equal("", ComposeInterpolation.Apply("${EMPTY-fallback}", variables));
        Assert.Equal("fallback", ComposeInterpolation.Apply("${UNSET-fallback}", variables));
        Assert.Equal("a $value $SET", ComposeInterpolation.Apply("a $$value $$SET", variables));
        Assert.Equal("value/value", ComposeInterpolation.Apply("$SET/${SET}", variables));
        Assert.Equal("UNSET", Assert.Throws<MissingVariableException>(() => ComposeInterpolation.Apply("${UNSET:?needed}", variables)).Name);
        Assert.Equal("", ComposeInterpolation.Apply("${EMPTY?needed}", variables));
    }

    [GeneratedRegex(@"(?i)(password|passwd|secret|token|__key$)")]
    private static partial Regex SecretName();
}
