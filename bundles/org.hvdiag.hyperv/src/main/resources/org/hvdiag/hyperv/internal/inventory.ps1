# hvdiag inventory v1
# Reads the Hyper-V host and every VM in one run and prints one JSON document. Sent after
# vm-json.ps1 in one -EncodedCommand. Nothing here is built from VM names.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$vmHost = Get-VMHost
$cores = (Get-CimInstance -ClassName Win32_Processor | Measure-Object -Property NumberOfCores -Sum).Sum
[ordered] @{
    Host = [ordered] @{
        ComputerName = [string] $vmHost.ComputerName
        LogicalProcessorCount = [int] $vmHost.LogicalProcessorCount
        Cores = [int] $cores
        MemoryCapacity = [long] $vmHost.MemoryCapacity
        OsVersion = [string] [Environment]::OSVersion.Version
    }
    DefaultVersion = [string] (Get-VMHostSupportedVersion -Default).Version
    SupportedVersions = @(Get-VMHostSupportedVersion | ForEach-Object { [string] $_.Version })
    VMs = @(Get-VM | ForEach-Object { Get-HvdiagVm $_ })
} | ConvertTo-Json -Depth 6 -Compress
