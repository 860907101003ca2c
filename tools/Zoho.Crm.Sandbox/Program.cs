var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Zoho CRM sandbox (under construction)");
app.Run();
