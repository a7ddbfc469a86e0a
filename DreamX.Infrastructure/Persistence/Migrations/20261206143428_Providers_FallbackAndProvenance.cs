using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Providers_FallbackAndProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "fallback_capabilities",
                table: "provider_configs",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "None"); // existing rows: the built-in stands in for nothing until an admin allows it

            migrationBuilder.AddColumn<bool>(
                name: "provider_fallback",
                table: "generation_tasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "fallback_capabilities",
                table: "provider_configs");

            migrationBuilder.DropColumn(
                name: "provider_fallback",
                table: "generation_tasks");
        }
    }
}
