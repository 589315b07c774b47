# hvdiag evidence v1
# Reads what the Hyper-V admin event logs say about the chosen VMs within a time window and prints
# one JSON document (docs/hyperv-script-protocol.md, "Evidence"). The query arrives as base64 of
# UTF-8 JSON in the single-quoted literal below, so no VM id or name is ever PowerShell code.
# Bounded per VM: at most MaxEvents events (the newest, as Get-WinEvent reads newest first) and
# MaxBytesPerVm bytes of event JSON; a VM cut short says so in Vms[].Cut.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$query = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('HVDIAG_QUERY_BASE64')) | ConvertFrom-Json
$culture = [Globalization.CultureInfo]::InvariantCulture
$start = [DateTimeOffset]::Parse([string] $query.StartTime, $culture).UtcDateTime
$end = [DateTimeOffset]::Parse([string] $query.EndTime, $culture).UtcDateTime
$max = [int] $query.MaxEvents
$maxBytes = [long] $query.MaxBytesPerVm
$ids = @($query.Ids | ForEach-Object { [int] $_ })
$guid = [regex] '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'
$found = @{}
$full = @{}
foreach ($id in @($query.VmIds)) { $found[([guid] [string] $id).ToString()] = New-Object System.Collections.ArrayList }
$logs = New-Object System.Collections.ArrayList
foreach ($log in @($query.LogNames)) {
    $problem = $null
    $taken = @{}
    try {
        Get-WinEvent -FilterHashtable @{ LogName = [string] $log; StartTime = $start; EndTime = $end; Id = $ids } | ForEach-Object {
            $data = [ordered] @{}
            $xml = [xml] $_.ToXml()
            foreach ($d in $xml.SelectNodes("//*[local-name()='EventData']/*[local-name()='Data']")) {
                $name = $d.GetAttribute('Name')
                if ($name) { $data[$name] = [string] $d.InnerText }
            }
            # Worker events name the VM in their data (VmId) and in the message "(Virtual machine ID ...)".
            $candidates = @()
            if ($data.Contains('VmId')) { $candidates += [string] $data['VmId'] }
            foreach ($m in $guid.Matches([string] $_.Message)) { $candidates += $m.Value }
            $vm = $null
            foreach ($c in $candidates) {
                $g = [guid]::Empty
                if ([guid]::TryParse($c, [ref] $g) -and $found.ContainsKey($g.ToString())) { $vm = $g.ToString(); break }
            }
            if (-not $vm) { return }
            # Newest first: once a VM has MaxEvents from this log, older ones cannot make its list.
            if ([int] $taken[$vm] -ge $max) { $full[$vm] = $true; return }
            $taken[$vm] = 1 + [int] $taken[$vm]
            $record = [ordered] @{
                VmId = $vm
                TimeCreated = ([DateTimeOffset] $_.TimeCreated).ToString('o', $culture)
                Id = [int] $_.Id
                Level = [int] $_.Level
                ProviderName = [string] $_.ProviderName
                LogName = [string] $_.LogName
                RecordId = [long] $_.RecordId
                Message = [string] $_.Message
                Data = $data
            }
            [void] $found[$vm].Add([pscustomobject] @{ At = $_.TimeCreated.ToUniversalTime(); RecordId = [long] $_.RecordId; Event = $record })
        }
    } catch {
        # No event in the window is not a problem; a missing log (Hyper-V not installed) or access denied is.
        if ([string] $_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { $problem = [string] $_.Exception.Message }
    }
    [void] $logs.Add([ordered] @{ LogName = [string] $log; Error = $problem })
}
$events = New-Object System.Collections.ArrayList
$vms = New-Object System.Collections.ArrayList
foreach ($vm in @($found.Keys)) {
    $n = 0
    $bytes = 0
    $cut = if ($full[$vm]) { 'MaxEvents' } else { $null }
    foreach ($c in ($found[$vm] | Sort-Object -Property At, RecordId -Descending)) {
        if ($n -ge $max) { $cut = 'MaxEvents'; break }
        $size = [Text.Encoding]::UTF8.GetByteCount((ConvertTo-Json -InputObject $c.Event -Compress -Depth 4))
        if ($bytes + $size -gt $maxBytes) { $cut = 'MaxBytesPerVm'; break }
        $bytes += $size
        $n++
        [void] $events.Add($c.Event)
    }
    [void] $vms.Add([ordered] @{ VmId = $vm; Events = $n; Bytes = $bytes; Cut = $cut })
}
[ordered] @{ Events = @($events); Vms = @($vms); Logs = @($logs) } | ConvertTo-Json -Depth 6 -Compress
