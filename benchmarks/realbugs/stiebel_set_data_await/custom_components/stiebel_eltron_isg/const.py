DOMAIN = "stiebel_eltron_isg"
