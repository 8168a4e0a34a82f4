using System.Net;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Tests.Http;

/// <summary>
/// API keys travel in headers. Only the page and the dashboard take one in the query string (a browser's login), and
/// the cookie that login sets opens only their GETs: never an invocation.
/// </summary>
[Trait("Category", "External")]
public sealed class ApiKeyTransportTests(TriggerHostFixture fixture) : IClassFixture<TriggerHostFixture>
{
    private const string Cookie = "harvest-api-key";

    private TriggerHost Host => fixture.Host;

    [Theory]
    [InlineData("POST", "/api/functions/echo/invoke")]
    [InlineData("POST", "/api/functions/echo/invoke-async")]
    [InlineData("GET", "/api/cluster")]
    [InlineData("GET", "/metrics")]
    [InlineData("POST", "/ui")]
    public async Task A_key_in_the_query_string_is_refused_outside_the_page_login(string method, string path)
    {
        using var http = Browser();
        var response = await http.SendAsync(Request(method, $"{path}?api-key={TriggerHost.AdminKey}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("vm-http", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST", "/api/functions/echo/invoke")]
    [InlineData("POST", "/api/functions/echo/invoke-async")]
    [InlineData("GET", "/metrics")]
    public async Task The_page_cookie_cannot_invoke_functions_or_read_beyond_the_page(string method, string path)
    {
        using var http = Browser();
        var request = Request(method, path);
        request.Headers.Add("Cookie", $"{Cookie}={TriggerHost.AdminKey}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_page_login_sets_an_http_only_strict_cookie_that_opens_the_page_and_its_data()
    {
        using var http = Browser();
        var login = await http.GetAsync($"/ui?api-key={TriggerHost.AdminKey}");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{Cookie}={TriggerHost.AdminKey};", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP: a Secure cookie would never come back

        foreach (var path in new[] { "/ui", "/api/cluster/history", "/dashboard/" })
        {
            var request = Request("GET", path);
            request.Headers.Add("Cookie", $"{Cookie}={TriggerHost.AdminKey}");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/dashboard/?api-key={TriggerHost.AdminKey}")).StatusCode);
    }

    [Fact]
    public async Task Over_https_the_page_login_cookie_is_secure()
    {
        using var scope = Host.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("harvest.example");
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/ui";
        context.Request.QueryString = new QueryString($"?api-key={TriggerHost.AdminKey}");

        var result = await context.AuthenticateAsync();

        Assert.True(result.Succeeded);
        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith($"{Cookie}=", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A client that presents no key of its own and keeps no cookies (each test sets the one it means).</summary>
    private HttpClient Browser() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = Host.BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
    };
}
