using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.Core.Modules;

/// <summary>Route constraint <c>{name:kitmodule}</c>: the value names a registered module.</summary>
internal sealed class KitModuleRouteConstraint : IRouteConstraint
{
    public const string Name = "kitmodule";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return httpContext?.RequestServices.GetService<KitModuleRegistry>() is { } registry
            && values.TryGetValue(routeKey, out var value)
            && value is string name
            && registry.Find(name) is not null;
    }
}
