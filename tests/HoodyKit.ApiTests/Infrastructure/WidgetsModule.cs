using System.Text.Json.Serialization;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Modules;
using HoodyKit.Core.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>
/// A test module in the cron family (<c>{code,message,details}</c>) that documents root paths, so the
/// shared mechanisms (Host selection, index, families, switch) are proven on a second service.
/// </summary>
internal sealed class WidgetsModule(string name = "widgets", ErrorShape shape = ErrorShape.CodeMessage) : IKitModule
{
    public string Name => name;
    public string ServiceName => "hoody-" + name;
    public string Description => "test module";
    public ErrorShape ErrorShape => shape;
    public bool ServesRootPaths => true;
    public IReadOnlyList<ToolProbe> Tools { get; } = [new("sh", "dash", "a tool that exists"), new("no-such-tool-hk", "none", "a missing one")];

    public void Add(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(WidgetsJsonContext.Default));

    public void Map(RouteGroupBuilder group)
    {
        var module = Name;
        group.MapGet("/things", (HttpContext context) => TypedResults.Ok(new ThingsReply(context.GetServiceIndex(module), context.Request.Path)));
        group.MapGet("/boom", IResult () => throw new InvalidOperationException("kaboom"));
        group.MapPost("/echo", (EchoBody body) => TypedResults.Ok(body));
        group.MapGet("/missing", () => ApiErrors.NotFound("THING_NOT_FOUND", "No such thing"));
    }
}

internal sealed record ThingsReply([property: JsonPropertyName("index")] int? Index, [property: JsonPropertyName("path")] string Path);

internal sealed record EchoBody([property: JsonPropertyName("text")] string Text);

[JsonSerializable(typeof(ThingsReply))]
[JsonSerializable(typeof(EchoBody))]
internal sealed partial class WidgetsJsonContext : JsonSerializerContext;
