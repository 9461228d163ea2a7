using PolicyParser = Drydock.Policy.PolicyParser;
using Drydock.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace Drydock.Tests.Admission;

/// <summary>deploy/kubernetes parses, and its objects name each other consistently: the webhook calls the Service, the
/// Service reaches the Deployment's port, the Deployment mounts the policy ConfigMap where --policy looks.</summary>
public sealed class KubernetesManifestTests
{
    private readonly Dictionary<string, YamlMappingNode> _objects = Load();

    private static Dictionary<string, YamlMappingNode> Load()
    {
        var objects = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "deploy", "kubernetes"), "*.yaml"))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            foreach (var document in stream.Documents)
            {
                var root = (YamlMappingNode)document.RootNode;
                objects.Add(S(root, "kind"), root);
            }
        }

        return objects;
    }

    private static YamlNode N(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return node;
    }

    private static string S(YamlNode node, params string[] path) => ((YamlScalarNode)N(node, path)).Value!;

    private static IEnumerable<YamlNode> L(YamlNode node, params string[] path) => ((YamlSequenceNode)N(node, path)).Children;

    [Fact]
    public void Every_object_is_there_in_the_webhook_namespace()
    {
        Assert.Equal(["ConfigMap", "Deployment", "Namespace", "Service", "ValidatingWebhookConfiguration"], _objects.Keys.Order());
        var ns = S(_objects["Namespace"], "metadata", "name");
        Assert.Equal("drydock-system", ns);
        foreach (var kind in new[] { "ConfigMap", "Deployment", "Service" })
        {
            Assert.Equal(ns, S(_objects[kind], "metadata", "namespace"));
        }
    }

    [Fact]
    public void The_webhook_calls_the_service_which_reaches_the_deployment()
    {
        var webhook = L(_objects["ValidatingWebhookConfiguration"], "webhooks").Single();
        var service = _objects["Service"];
        var deployment = _objects["Deployment"];
        var target = N(webhook, "clientConfig", "service");
        Assert.Equal(S(service, "metadata", "name"), S(target, "name"));
        Assert.Equal(S(service, "metadata", "namespace"), S(target, "namespace"));
        Assert.Equal("/validate", S(target, "path"));
        var port = L(service, "spec", "ports").Single();
        Assert.Equal(S(port, "port"), S(target, "port"));
        Assert.Equal("Fail", S(webhook, "failurePolicy"));
        Assert.Equal("None", S(webhook, "sideEffects"));
        Assert.Contains("v1", L(webhook, "admissionReviewVersions").Select(n => ((YamlScalarNode)n).Value));
        Assert.Contains(S(service, "metadata", "namespace"), L(L(webhook, "namespaceSelector", "matchExpressions").Single(), "values").Select(n => ((YamlScalarNode)n).Value));

        var resources = L(webhook, "rules").SelectMany(r => L(r, "resources")).Select(n => ((YamlScalarNode)n).Value).ToHashSet();
        Assert.Superset(new HashSet<string?> { "pods", "deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs" }, resources);

        var template = N(deployment, "spec", "template");
        var labels = (YamlMappingNode)N(template, "metadata", "labels");
        foreach (var (key, value) in (YamlMappingNode)N(service, "spec", "selector"))
        {
            Assert.Equal(value, labels.Children[key]);
        }

        Assert.Equal(labels, N(deployment, "spec", "selector", "matchLabels"));
        var container = L(template, "spec", "containers").Single();
        var containerPort = L(container, "ports").Single(p => S(p, "name") == S(port, "targetPort"));
        var args = L(container, "args").Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.Equal("serve", args[0]);
        Assert.Equal($"--listen=0.0.0.0:{S(containerPort, "containerPort")}", args.Single(a => a.StartsWith("--listen=", StringComparison.Ordinal)));

        // The scan budget ends before the API server gives up, so the denial carries drydock's reason.
        var budget = Drydock.Cli.Commands.ServeCommand.ParseDuration(args.Single(a => a.StartsWith("--scan-timeout=", StringComparison.Ordinal))["--scan-timeout=".Length..], "--scan-timeout");
        Assert.True(budget < TimeSpan.FromSeconds(int.Parse(S(webhook, "timeoutSeconds"))));
        foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
        {
            Assert.Equal("HTTPS", S(container, probe, "httpGet", "scheme"));
        }
    }

    [Fact]
    public void The_deployment_mounts_the_policy_and_the_certificate_where_serve_reads_them()
    {
        var spec = N(_objects["Deployment"], "spec", "template", "spec");
        var container = L(spec, "containers").Single();
        var args = L(container, "args").Select(n => ((YamlScalarNode)n).Value!).ToDictionary(a => a.Split('=')[0], a => a.Contains('=') ? a[(a.IndexOf('=') + 1)..] : "");
        var mounts = L(container, "volumeMounts").ToDictionary(m => S(m, "name"), m => S(m, "mountPath"));
        var volumes = L(spec, "volumes").ToDictionary(v => S(v, "name"));

        var configMap = _objects["ConfigMap"];
        var policyVolume = volumes.Single(v => v.Value is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("configMap")));
        Assert.Equal(S(configMap, "metadata", "name"), S(policyVolume.Value, "configMap", "name"));
        var policyKey = ((YamlMappingNode)N(configMap, "data")).Children.Keys.Cast<YamlScalarNode>().Single().Value!;
        Assert.Equal($"{mounts[policyVolume.Key]}/{policyKey}", args["--policy"]);
        var policy = PolicyParser.Parse(S(configMap, "data", policyKey), "policy-configmap.yaml");
        Assert.NotNull(policy.Base);

        var tlsVolume = volumes.Single(v => v.Value is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("secret"), out var s) && S(s, "secretName") == "drydock-tls");
        Assert.Equal($"{mounts[tlsVolume.Key]}/tls.crt", args["--tls-cert"]);
        Assert.Equal($"{mounts[tlsVolume.Key]}/tls.key", args["--tls-key"]);
    }
}
