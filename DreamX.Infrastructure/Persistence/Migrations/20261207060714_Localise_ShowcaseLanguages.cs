using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Localise_ShowcaseLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "languages",
                table: "showcases",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "languages",
                table: "showcases");
        }
    }
}
