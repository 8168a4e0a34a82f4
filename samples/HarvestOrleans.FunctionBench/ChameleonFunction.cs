using Fluid;
using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>chameleon: renders an HTML table of rows × columns from a template (Liquid, via Fluid).</summary>
public sealed class ChameleonFunction : HarvestFunction<ChameleonFunction.Request, ChameleonFunction.Response>
{
    private const string Source = """
        <table>{% for row in rows %}
          <tr>{% for cell in row %}<td class="{% cycle 'odd', 'even' %}">{{ cell | escape }}</td>{% endfor %}</tr>{% endfor %}
        </table>
        """;

    private static readonly FluidParser Parser = new();
    private readonly IFluidTemplate _template = Parser.Parse(Source);

    public sealed record Request(int Rows = 200, int Columns = 100);

    public sealed record Response(int Rows, int Columns, int HtmlLength);

    protected override async Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var rows = Inputs.InRange(input?.Rows ?? 200, 1, 10_000, "rows");
        var columns = Inputs.InRange(input?.Columns ?? 100, 1, 1_000, "columns");
        var table = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Select(c => $"<{r}&{c}>").ToArray()).ToArray();
        var values = new TemplateContext(new { rows = table });
        var html = await _template.RenderAsync(values);
        return new Response(rows, columns, html.Length);
    }
}
