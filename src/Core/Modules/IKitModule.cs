using HoodyKit.Core.Errors;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.Core.Modules;

/// <summary>
/// What the host needs to know about one service module. A module library registers its
/// description with <see cref="KitModuleServiceCollectionExtensions.AddKitModule"/>; the host then maps
/// the module's group under <see cref="Prefix"/> with its error family, health, OpenAPI and metrics.
/// </summary>
public interface IKitModule
{
    /// <summary>Short name and path segment: <c>daemon</c>, <c>terminal</c>, …</summary>
    string Name { get; }

    /// <summary>The <c>service</c> field of its health body, e.g. <c>hoody-daemon</c>.</summary>
    string ServiceName { get; }

    /// <summary>One line for listings.</summary>
    string Description { get; }

    /// <summary>The error family of every route under the prefix.</summary>
    ErrorShape ErrorShape { get; }

    /// <summary>
    /// Whether documented root paths (outside the prefix) are served when the request's Host names
    /// this service (ARCHITECTURE §3 b).
    /// </summary>
    bool ServesRootPaths => false;

    /// <summary>Whether the module maps its own <c>/health</c> (a documented non-standard body).</summary>
    bool MapsOwnHealth => false;

    /// <summary>Optional external tools; a missing one disables only its feature.</summary>
    IReadOnlyList<ToolProbe> Tools => [];

    /// <summary>The route prefix, <c>/api/v1/&lt;name&gt;</c>.</summary>
    string Prefix => "/api/v1/" + Name;

    /// <summary>Other prefixes the module owns outright (terminal: <c>/api/v1/system</c>), mapped with the same family and gates.</summary>
    IReadOnlyList<string> AdditionalPrefixes => [];

    /// <summary>Maps the endpoints of one of <see cref="AdditionalPrefixes"/>.</summary>
    void MapAdditional(string prefix, RouteGroupBuilder group)
    {
    }

    /// <summary>Registers the module's services (engine, options, workers).</summary>
    void Add(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's endpoints on its group (already under <see cref="Prefix"/> with its family).</summary>
    void Map(RouteGroupBuilder group);
}
