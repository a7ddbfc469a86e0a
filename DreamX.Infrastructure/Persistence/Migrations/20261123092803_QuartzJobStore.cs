using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Creates Quartz.NET's ADO.NET job store tables (qrtz_*) from the DDL that ships inside the Quartz
    /// assembly, so the schema is ours to migrate and the scheduler never provisions it at start.
    /// </summary>
    public partial class QuartzJobStore : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.CreateStatements())
                migrationBuilder.Sql(statement);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.DropStatements())
                migrationBuilder.Sql(statement);
        }
    }
}
