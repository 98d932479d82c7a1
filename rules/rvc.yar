rule rvc_webui_installed {
  meta:
    tool = "RVC WebUI" category = "AI voice conversion" strength = "installed"
    reference = "RVC-Project/Retrieval-based-Voice-Conversion-WebUI@4338f12: go-webui.bat, go-realtime_gui.bat"
  condition:
    artifact == "file" and filename matches /^go-(webui|realtime_gui)\.bat$/i
}

rule rvc_pretrained_assets {
  meta:
    tool = "RVC WebUI" category = "AI voice conversion" strength = "configured"
    reference = "RVC-Project@4338f12: assets/hubert/hubert_base.pt, assets/rmvpe/rmvpe.pt"
  condition:
    artifact == "file" and filepath matches /(^|\/)assets\/(hubert\/hubert_base|rmvpe\/rmvpe)\.pt$/i
}

rule rvc_voice_model {
  meta:
    tool = "RVC WebUI" category = "AI voice conversion" strength = "used" indicator = "content"
    reference = "RVC weights: a PyTorch zip whose pickle names the layer enc_p.emb_phone (a trained voice)"
  strings:
    $emb_phone = "enc_p.emb_phone"
  condition:
    artifact == "file" and uint32(0) == 0x04034b50 and $emb_phone
}

rule rvc_feature_index {
  meta:
    tool = "RVC WebUI" category = "AI voice conversion" strength = "used" indicator = "content"
    reference = "RVC logs/<exp>/added_IVF*_Flat_nprobe_1_*.index: a FAISS IVF-Flat index, magic IwFl"
  strings:
    $ivf = "IwFl"
  condition:
    artifact == "file" and extension == "index" and $ivf at 0
}
