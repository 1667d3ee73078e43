@echo off
rem Runs Triplicate from this source tree on Windows: the window with no arguments, the command line with a
rem subcommand (triplicate --help). Uses JAVA_HOME when it is Java 21 or newer, else the java on the PATH, and
rem builds target\triplicate.jar first when it is missing.
setlocal enabledelayedexpansion
set "HERE=%~dp0"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%J in (java.exe) do if not "%%~$PATH:J"=="" set "JAVA=%%~$PATH:J"
if not defined JAVA goto nojava
set "MAJOR=0"
for /f "tokens=2 delims==" %%V in ('"!JAVA!" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do set "SPEC=%%V"
for /f "tokens=1 delims=. " %%M in ("!SPEC!") do set "MAJOR=%%M"
if !MAJOR! LSS 21 goto nojava
if not exist "%HERE%target\triplicate.jar" (
  echo Building target\triplicate.jar ^(once, about a minute^)... 1>&2
  for %%D in ("!JAVA!") do set "JH=%%~dpD.."
  pushd "%HERE%" & set "JAVA_HOME=!JH!" & call mvnw.cmd -q -B package -DskipTests & popd
)
set "OPTS=--enable-native-access=ALL-UNNAMED"
if !MAJOR! GEQ 23 set "OPTS=!OPTS! --sun-misc-unsafe-memory-access=allow"
"!JAVA!" !OPTS! -jar "%HERE%target\triplicate.jar" %*
exit /b %ERRORLEVEL%
:nojava
echo Triplicate needs Java 21 or newer. Install a JDK 21+ and set JAVA_HOME to it. 1>&2
exit /b 3
