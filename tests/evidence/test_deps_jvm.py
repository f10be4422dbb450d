"""Maven pom.xml, Gradle build scripts (Groovy, Kotlin, Android) and version catalogs."""

from __future__ import annotations

from tests.deps_helpers import by_name, collect_from

POM = '''<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <version>2.1.0</version>
  <properties>
    <es.version>7.17.0</es.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.elasticsearch</groupId>
      <artifactId>elasticsearch</artifactId>
      <version>${es.version}</version>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>4.13.2</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>javax.servlet</groupId>
      <artifactId>servlet-api</artifactId>
      <scope>provided</scope>
    </dependency>
  </dependencies>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.example</groupId>
        <artifactId>pinned-only</artifactId>
        <version>1.0</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.2.5</version>
      </plugin>
    </plugins>
  </build>
</project>
'''


def test_pom_scopes_properties_and_plugins(repo):
    found = by_name(collect_from(repo, {"pom.xml": POM}))
    es = found["org.elasticsearch:elasticsearch"]
    assert es.version == "7.17.0" and es.scope == "runtime" and es.line == 11
    assert found["junit:junit"].scope == "dev"
    assert found["javax.servlet:servlet-api"].scope == "dev"
    assert found["org.apache.maven.plugins:maven-surefire-plugin"].scope == "dev"
    assert "com.example:pinned-only" not in found


def test_xml_entities_are_refused(repo):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<project>&b;</project>\n')
    deps = collect_from(repo, {"pom.xml": bomb, "go.mod": "module x\n"})
    assert [p.path for p in deps.problems] == ["pom.xml"]
    assert "unsafe XML" in deps.problems[0].message


def test_malformed_pom_reports_the_line(repo):
    deps = collect_from(repo, {"pom.xml": "<project>\n  <dependencies>\n</project>\n"})
    assert deps.problems[0].line == 3


GRADLE = '''plugins {
    id 'com.android.application'
}

buildscript {
    dependencies {
        classpath 'com.google.gms:google-services:4.4.0'
    }
}

dependencies {
    implementation 'com.google.firebase:firebase-messaging:23.4.0'
    implementation platform('com.google.firebase:firebase-bom:32.7.0')
    api "org.osmdroid:osmdroid-android:6.1.18"
    runtimeOnly group: 'org.postgresql', name: 'postgresql', version: '42.7.1'
    testImplementation 'junit:junit:4.13.2'
    androidTestImplementation 'androidx.test.espresso:espresso-core:3.5.1'
    kapt 'com.google.dagger:dagger-compiler:2.50'
    playstoreImplementation 'com.google.android.gms:play-services-location:21.0.1'
}
'''

GRADLE_KTS = '''dependencies {
    implementation("com.mapbox.maps:android:11.0.0")
    debugImplementation("com.squareup.leakcanary:leakcanary-android:2.12")
    compileOnly("org.projectlombok:lombok:1.18.30")
    testImplementation(kotlin("test"))
}
'''


def test_gradle_groovy_and_kotlin(repo):
    found = by_name(collect_from(repo, {"app/build.gradle": GRADLE,
                                        "lib/build.gradle.kts": GRADLE_KTS}))
    fcm = found["com.google.firebase:firebase-messaging"]
    assert fcm.scope == "runtime" and fcm.version == "23.4.0" and fcm.line == 12
    assert found["com.google.firebase:firebase-bom"].scope == "runtime"
    assert found["org.osmdroid:osmdroid-android"].scope == "runtime"
    assert found["org.postgresql:postgresql"].version == "42.7.1"
    assert found["org.postgresql:postgresql"].scope == "runtime"
    assert found["com.google.gms:google-services"].scope == "dev"
    assert found["junit:junit"].scope == "dev"
    assert found["androidx.test.espresso:espresso-core"].scope == "dev"
    assert found["com.google.dagger:dagger-compiler"].scope == "dev"
    assert found["com.google.android.gms:play-services-location"].scope == "runtime"
    assert found["com.mapbox.maps:android"].scope == "runtime"
    assert found["com.squareup.leakcanary:leakcanary-android"].scope == "dev"
    assert found["org.projectlombok:lombok"].scope == "dev"


def test_version_catalog(repo):
    catalog = '''[versions]
firebase = "32.7.0"

[libraries]
firebase-bom = { module = "com.google.firebase:firebase-bom", version.ref = "firebase" }
okhttp = "com.squareup.okhttp3:okhttp:4.12.0"
junit = { group = "junit", name = "junit", version = "4.13.2" }
cg = { module = "com.google.firebase:firebase-crashlytics-gradle", version = "3.0.7" }
'''
    found = by_name(collect_from(repo, {"gradle/libs.versions.toml": catalog}))
    assert found["com.google.firebase:firebase-bom"].version == "32.7.0"
    assert found["com.google.firebase:firebase-bom"].line == 5
    assert found["com.squareup.okhttp3:okhttp"].version == "4.12.0"
    assert found["junit:junit"].scope == "dev"
    assert found["com.google.firebase:firebase-crashlytics-gradle"].scope == "dev"
