"""Go, Cargo, Composer, Bundler, NuGet, R, Dart and Elixir (Mix) manifests."""

from __future__ import annotations

import json

from tests.deps_helpers import by_name, collect_from

GO_MOD = '''module example.org/app

go 1.22

require (
\tgithub.com/elastic/go-elasticsearch/v8 v8.12.0
\tgolang.org/x/text v0.14.0 // indirect
)

require go.mongodb.org/mongo-driver v1.14.0

tool golang.org/x/tools/cmd/stringer
'''


def test_go_mod(repo):
    deps = collect_from(repo, {"go.mod": GO_MOD})
    found = by_name(deps)
    es = found["github.com/elastic/go-elasticsearch/v8"]
    assert es.version == "v8.12.0" and es.line == 6 and es.direct
    assert not found["golang.org/x/text"].direct
    assert found["go.mongodb.org/mongo-driver"].line == 10
    assert found["golang.org/x/tools/cmd/stringer"].scope == "dev"
    assert "golang.org/x/text" not in {d.name for d in deps.runtime}


def test_go_mod_unknown_directive_is_a_problem(repo):
    deps = collect_from(repo, {"go.mod": "module x\nfrobnicate y\n"})
    assert deps.problems[0].line == 2


def test_cargo(repo):
    cargo = '''[package]
name = "app"

[dependencies]
serde = { version = "1", features = ["derive"] }
tokio = "1.36"
aws = { package = "aws-sdk-s3", version = "1.0" }

[dev-dependencies]
criterion = "0.5"

[build-dependencies]
cc = "1"

[target.'cfg(windows)'.dependencies]
winapi = "0.3"
'''
    found = by_name(collect_from(repo, {"Cargo.toml": cargo}))
    assert found["serde"].version == "1" and found["serde"].line == 5
    assert found["aws-sdk-s3"].scope == "runtime"
    assert found["criterion"].scope == "dev" and found["cc"].scope == "dev"
    assert found["winapi"].scope == "runtime"


def test_composer_json_and_lock(repo):
    manifest = json.dumps({"require": {"php": ">=8.1", "ext-json": "*",
                                       "laravel/framework": "^10.0"},
                           "require-dev": {"phpunit/phpunit": "^10"}}, indent=2)
    lock = json.dumps({"packages": [{"name": "laravel/framework", "version": "v10.48.4"},
                                    {"name": "aws/aws-sdk-php", "version": "3.300.0"}],
                       "packages-dev": [{"name": "phpunit/phpunit", "version": "10.5.0"}]},
                      indent=2)
    deps = collect_from(repo, {"composer.json": manifest, "composer.lock": lock})
    found = by_name(deps)
    assert "php" not in found and "ext-json" not in found
    assert found["laravel/framework"].resolved == "10.48.4"
    assert found["phpunit/phpunit"].scope == "dev"
    assert not found["aws/aws-sdk-php"].direct


GEMFILE = '''source "https://rubygems.org"
ruby "3.2.2"

gem "rails", "~> 7.1", ">= 7.1.3"
gem 'pg'
gem "chewy", require: false
gem "rubocop", group: :development

platforms :jruby do
  gem "jdbc-postgres"
end

group :development, :test do
  gem "rspec-rails"
  if ENV["CI"]
    gem "simplecov"
  end
end

group :production do
  gem "newrelic_rpm"
end
'''

GEMFILE_LOCK = '''GEM
  remote: https://rubygems.org/
  specs:
    chewy (7.5.1)
      elasticsearch (>= 7.14.0, < 8)
    elasticsearch (7.17.10)
    pg (1.5.4)
    nokogiri (1.16.0-x86_64-linux)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  chewy
  pg
'''


def test_gemfile_groups_and_lock(repo):
    deps = collect_from(repo, {"Gemfile": GEMFILE, "Gemfile.lock": GEMFILE_LOCK})
    found = by_name(deps)
    assert found["rails"].version == "~> 7.1, >= 7.1.3" and found["rails"].line == 4
    assert found["pg"].resolved == "1.5.4"
    assert found["chewy"].resolved == "7.5.1" and found["chewy"].scope == "runtime"
    assert found["rubocop"].scope == "dev"
    assert found["jdbc-postgres"].scope == "runtime"
    assert found["rspec-rails"].scope == "dev" and found["simplecov"].scope == "dev"
    assert found["newrelic_rpm"].scope == "runtime"
    assert not found["elasticsearch"].direct and found["elasticsearch"].version == "7.17.10"
    assert found["nokogiri"].version == "1.16.0"


def test_nuget_csproj_and_packages_config(repo):
    csproj = '''<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="MongoDB.Driver" Version="2.23.1" />
    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118">
      <PrivateAssets>all</PrivateAssets>
    </PackageReference>
    <PackageReference Include="Serilog">
      <Version>3.1.1</Version>
    </PackageReference>
  </ItemGroup>
</Project>
'''
    config = '''<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="Newtonsoft.Json" version="13.0.3" targetFramework="net48" />
  <package id="Fody" version="6.8.0" developmentDependency="true" />
</packages>
'''
    found = by_name(collect_from(repo, {"src/App/App.csproj": csproj,
                                        "src/App.Tests/App.Tests.csproj": csproj.replace(
                                            "MongoDB.Driver", "xunit"),
                                        "legacy/packages.config": config}))
    assert found["MongoDB.Driver"].version == "2.23.1" and found["MongoDB.Driver"].line == 3
    assert found["MongoDB.Driver"].scope == "runtime"
    assert found["StyleCop.Analyzers"].scope == "dev"
    assert found["Serilog"].version == "3.1.1"
    assert found["xunit"].scope == "dev"
    assert found["Newtonsoft.Json"].scope == "runtime" and found["Fody"].scope == "dev"


def test_r_description(repo):
    description = '''Package: surveytools
Version: 1.0.0
Depends: R (>= 4.1.0), sf
Imports:
    dplyr (>= 1.1.0),
    mongolite,
    httr
Suggests: testthat (>= 3.0.0), knitr
'''
    found = by_name(collect_from(repo, {"DESCRIPTION": description}))
    assert "R" not in found
    assert found["sf"].scope == "runtime" and found["sf"].line == 3
    assert found["dplyr"].version == ">= 1.1.0" and found["dplyr"].line == 5
    assert found["mongolite"].line == 6
    assert found["testthat"].scope == "dev"


def test_r_description_that_is_not_dcf_is_a_problem(repo):
    deps = collect_from(repo, {"DESCRIPTION": "This project does things.\n"})
    assert deps.problems and deps.problems[0].path == "DESCRIPTION"


def test_dart_pubspec(repo):
    pubspec = '''name: app
dependencies:
  flutter:
    sdk: flutter
  firebase_core: ^2.24.2
  http: ^1.1.0
  local_pkg:
    path: ../local_pkg
dev_dependencies:
  flutter_test:
    sdk: flutter
  flutter_lints: ^3.0.0
'''
    found = by_name(collect_from(repo, {"mobile/pubspec.yaml": pubspec}))
    assert "flutter" not in found and "flutter_test" not in found
    assert found["firebase_core"].version == "^2.24.2" and found["firebase_core"].line == 5
    assert found["local_pkg"].version is None
    assert found["flutter_lints"].scope == "dev"


def test_gemspec(repo):
    gemspec = '''Gem::Specification.new do |s|
  s.name = "decidim-core"
  s.add_dependency "rails", "~> 7.0", ">= 7.0.8"
  s.add_runtime_dependency("searchkick")
  s.add_development_dependency "rspec"
end
'''
    found = by_name(collect_from(repo, {"decidim-core/decidim-core.gemspec": gemspec}))
    assert found["rails"].version == "~> 7.0, >= 7.0.8" and found["rails"].line == 3
    assert found["searchkick"].scope == "runtime"
    assert found["rspec"].scope == "dev"


MIX_EXS = '''defmodule Clinic.MixProject do
  use Mix.Project

  @test_envs [:test, :ci]
  @queue_envs [:prod, :dev] ++ @test_envs

  def project do
    [app: :clinic, version: "1.2.0", dialyzer: [plt_file: {:no_warn, "priv/plts/x.plt"}],
     deps: deps()]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7"},
      {:oban_pro, "~> 1.5", repo: "oban", only: @queue_envs},
      {:credo, "~> 1.6", only: [:dev | @test_envs], runtime: false},
      {:mock, "~> 0.3", only: :test},
      # {:old_thing, "~> 0.1"},
      {:forked, github: "someone/forked", branch: "main"},
      {:tesla,
       "~> 1.5"}
    ]
  end
end
'''
MIX_LOCK = '''%{
  "oban_pro": {:hex, :oban_pro, "1.6.14", "abc", [:mix], [], "oban", "def"},
  "phoenix": {:hex, :phoenix, "1.7.14", "abc", [:mix], [], "hexpm", "def"},
  "forked": {:git, "https://example.org/forked.git", "0123", [branch: "main"]},
}
'''


def test_mix_exs_and_lock(repo):
    deps = collect_from(repo, {"mix.exs": MIX_EXS, "mix.lock": MIX_LOCK})
    found = by_name(deps)
    assert "no_warn" not in found and "old_thing" not in found  # not deps, commented out
    pro = found["oban_pro"]
    assert (pro.ecosystem, pro.version, pro.resolved, pro.line) == ("hex", "~> 1.5", "1.6.14",
                                                                     15)
    assert pro.scope == "runtime" and pro.direct  # @queue_envs names :prod
    assert found["credo"].scope == "dev" and found["mock"].scope == "dev"
    assert found["forked"].version is None and found["forked"].scope == "runtime"
    assert found["tesla"].version == "~> 1.5" and found["tesla"].line == 20
    assert {d.name for d in deps.runtime} == {"phoenix", "oban_pro", "forked", "tesla"}
